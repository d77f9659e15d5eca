-- AlterTable
ALTER TABLE "PlanEvent" ADD COLUMN     "details" TEXT;

-- CreateTable
CREATE TABLE "ReviewNotice" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "planVersion" INTEGER NOT NULL,
    "stage" TEXT NOT NULL,
    "outboxKey" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReviewNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReviewNotice_outboxKey_key" ON "ReviewNotice"("outboxKey");

-- CreateIndex
CREATE INDEX "ReviewNotice_planId_idx" ON "ReviewNotice"("planId");

