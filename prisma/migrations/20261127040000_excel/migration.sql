-- CreateTable
CREATE TABLE "ExcelImport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "openId" TEXT NOT NULL,
    "unitCode" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "plans" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "version" INTEGER NOT NULL DEFAULT 1,
    "planNumbers" TEXT,
    "createdAt" DATETIME NOT NULL,
    "importedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "ExcelImport_unitCode_year_contentHash_key" ON "ExcelImport"("unitCode", "year", "contentHash");

