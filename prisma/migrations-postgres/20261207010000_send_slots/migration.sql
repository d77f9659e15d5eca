-- CreateTable
CREATE TABLE "SendSlot" (
    "id" SERIAL NOT NULL,
    "lane" TEXT NOT NULL,
    "takenAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "done" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "SendSlot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SendSlot_lane_endsAt_idx" ON "SendSlot"("lane", "endsAt");

-- CreateIndex
CREATE INDEX "SendSlot_endsAt_idx" ON "SendSlot"("endsAt");

