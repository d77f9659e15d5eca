-- AlterTable
ALTER TABLE "PlanEvent" ADD COLUMN "details" TEXT;

-- CreateTable
CREATE TABLE "ReviewNotice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "planId" INTEGER NOT NULL,
    "planVersion" INTEGER NOT NULL,
    "stage" TEXT NOT NULL,
    "outboxKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ReviewNotice_outboxKey_key" ON "ReviewNotice"("outboxKey");

-- CreateIndex
CREATE INDEX "ReviewNotice_planId_idx" ON "ReviewNotice"("planId");

