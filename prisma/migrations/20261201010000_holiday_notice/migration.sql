-- CreateTable
CREATE TABLE "HolidayNotice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "year" INTEGER,
    "status" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "contentHash" TEXT,
    "festivals" TEXT NOT NULL DEFAULT '[]',
    "days" TEXT NOT NULL DEFAULT '[]',
    "notes" TEXT NOT NULL DEFAULT '[]',
    "channel" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "importedBy" TEXT,
    "importedAt" DATETIME,
    "moves" TEXT,
    "notifiedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1
);

-- CreateIndex
CREATE INDEX "HolidayNotice_year_status_idx" ON "HolidayNotice"("year", "status");
