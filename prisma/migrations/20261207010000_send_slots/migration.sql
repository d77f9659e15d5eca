-- The rate limits for the app as a whole, shared by every instance on one PostgreSQL database: one row per
-- outbound Feishu call (db/shared-limiter.ts).
-- CreateTable
CREATE TABLE "SendSlot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "lane" TEXT NOT NULL,
    "takenAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "done" BOOLEAN NOT NULL DEFAULT false
);

-- CreateIndex
CREATE INDEX "SendSlot_endsAt_idx" ON "SendSlot"("endsAt");

-- CreateIndex
CREATE INDEX "SendSlot_lane_endsAt_idx" ON "SendSlot"("lane", "endsAt");

