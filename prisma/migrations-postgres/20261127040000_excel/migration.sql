-- CreateTable
CREATE TABLE "ExcelImport" (
    "id" SERIAL NOT NULL,
    "openId" TEXT NOT NULL,
    "unitCode" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "plans" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "version" INTEGER NOT NULL DEFAULT 1,
    "planNumbers" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "importedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ExcelImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExcelImport_unitCode_year_contentHash_key" ON "ExcelImport"("unitCode", "year", "contentHash");

