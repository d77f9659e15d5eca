-- CreateTable
CREATE TABLE "TrainingBase" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Campaign" (
    "year" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "opensAt" DATETIME NOT NULL,
    "declareClosesAt" DATETIME NOT NULL,
    "reviseClosesAt" DATETIME NOT NULL,
    "backfillClosesAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "publishedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Plan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "unitCode" TEXT NOT NULL,
    "budgetCode" TEXT,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "data" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "submittedAt" DATETIME
);

-- CreateTable
CREATE TABLE "PlanEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "planId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT,
    "comment" TEXT,
    "changes" TEXT,
    "channel" TEXT NOT NULL,
    CONSTRAINT "PlanEvent_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "TrainingBase_name_key" ON "TrainingBase"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Plan_number_key" ON "Plan"("number");

-- CreateIndex
CREATE INDEX "Plan_unitCode_year_idx" ON "Plan"("unitCode", "year");

-- CreateIndex
CREATE INDEX "Plan_year_status_idx" ON "Plan"("year", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Plan_year_seq_key" ON "Plan"("year", "seq");

-- CreateIndex
CREATE INDEX "PlanEvent_planId_id_idx" ON "PlanEvent"("planId", "id");


-- The audit trail is append-only: no statement may change or remove an event.
CREATE TRIGGER "PlanEvent_no_update" BEFORE UPDATE ON "PlanEvent"
BEGIN
  SELECT RAISE(ABORT, 'PlanEvent is append-only');
END;

CREATE TRIGGER "PlanEvent_no_delete" BEFORE DELETE ON "PlanEvent"
BEGIN
  SELECT RAISE(ABORT, 'PlanEvent is append-only');
END;
