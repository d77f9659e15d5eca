-- CreateTable
CREATE TABLE "HolidayNotice" (
    "id" SERIAL NOT NULL,
    "year" INTEGER,
    "status" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "contentHash" TEXT,
    "festivals" TEXT NOT NULL DEFAULT '[]',
    "days" TEXT NOT NULL DEFAULT '[]',
    "notes" TEXT NOT NULL DEFAULT '[]',
    "channel" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "importedBy" TEXT,
    "importedAt" TIMESTAMPTZ(3),
    "moves" TEXT,
    "notifiedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "HolidayNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HolidayNotice_year_status_idx" ON "HolidayNotice"("year", "status");

