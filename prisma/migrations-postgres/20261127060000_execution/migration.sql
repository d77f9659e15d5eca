-- AlterTable
ALTER TABLE "ExcelImport" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'declaration';

-- CreateTable
CREATE TABLE "Attachment" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "classId" INTEGER,
    "scope" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "uploadedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClassStep" (
    "classId" INTEGER NOT NULL,
    "step" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "flags" TEXT,
    "reportedAt" TIMESTAMPTZ(3) NOT NULL,
    "reportedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "reviewedBy" TEXT,
    "reviewedAt" TIMESTAMPTZ(3),
    "comment" TEXT,
    "source" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ClassStep_pkey" PRIMARY KEY ("classId","step")
);

-- CreateTable
CREATE TABLE "FileIntent" (
    "openId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "targetId" INTEGER NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FileIntent_pkey" PRIMARY KEY ("openId")
);

-- CreateTable
CREATE TABLE "TrainingClass" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "source" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TrainingClass_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Attachment_planId_idx" ON "Attachment"("planId");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_scope_kind_sha256_key" ON "Attachment"("scope", "kind", "sha256");

-- CreateIndex
CREATE INDEX "TrainingClass_startDate_idx" ON "TrainingClass"("startDate");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingClass_planId_seq_key" ON "TrainingClass"("planId", "seq");

-- AddForeignKey
ALTER TABLE "ClassStep" ADD CONSTRAINT "ClassStep_classId_fkey" FOREIGN KEY ("classId") REFERENCES "TrainingClass"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

