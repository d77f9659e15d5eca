-- CreateTable
CREATE TABLE "TrainingClass" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "planId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "source" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ClassStep" (
    "classId" INTEGER NOT NULL,
    "step" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "flags" TEXT,
    "reportedAt" DATETIME NOT NULL,
    "reportedBy" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "reviewedBy" TEXT,
    "reviewedAt" DATETIME,
    "comment" TEXT,
    "source" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    PRIMARY KEY ("classId", "step"),
    CONSTRAINT "ClassStep_classId_fkey" FOREIGN KEY ("classId") REFERENCES "TrainingClass" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "planId" INTEGER NOT NULL,
    "classId" INTEGER,
    "scope" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BLOB NOT NULL,
    "uploadedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "FileIntent" (
    "openId" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "targetId" INTEGER NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- AlterTable (a column with a default: no table rebuild needed)
ALTER TABLE "ExcelImport" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'declaration';

-- CreateIndex
CREATE INDEX "TrainingClass_startDate_idx" ON "TrainingClass"("startDate");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingClass_planId_seq_key" ON "TrainingClass"("planId", "seq");

-- CreateIndex
CREATE INDEX "Attachment_planId_idx" ON "Attachment"("planId");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_scope_kind_sha256_key" ON "Attachment"("scope", "kind", "sha256");

