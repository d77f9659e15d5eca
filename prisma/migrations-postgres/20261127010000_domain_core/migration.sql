-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "year" INTEGER NOT NULL,
    "opensAt" TIMESTAMPTZ(3) NOT NULL,
    "declareClosesAt" TIMESTAMPTZ(3) NOT NULL,
    "reviseClosesAt" TIMESTAMPTZ(3) NOT NULL,
    "backfillClosesAt" TIMESTAMPTZ(3) NOT NULL,
    "closedAt" TIMESTAMPTZ(3),
    "publishedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "Plan" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "unitCode" TEXT NOT NULL,
    "budgetCode" TEXT,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "data" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "submittedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanEvent" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT,
    "comment" TEXT,
    "changes" TEXT,
    "channel" TEXT NOT NULL,

    CONSTRAINT "PlanEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingBase" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TrainingBase_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Plan_number_key" ON "Plan"("number");

-- CreateIndex
CREATE INDEX "Plan_year_status_idx" ON "Plan"("year", "status");

-- CreateIndex
CREATE INDEX "Plan_unitCode_year_idx" ON "Plan"("unitCode", "year");

-- CreateIndex
CREATE UNIQUE INDEX "Plan_year_seq_key" ON "Plan"("year", "seq");

-- CreateIndex
CREATE INDEX "PlanEvent_planId_id_idx" ON "PlanEvent"("planId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingBase_name_key" ON "TrainingBase"("name");

-- AddForeignKey
ALTER TABLE "PlanEvent" ADD CONSTRAINT "PlanEvent_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The audit trail is append-only: no statement may change or remove an event.
CREATE FUNCTION "PlanEvent_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'PlanEvent is append-only';
END;
$$;

CREATE TRIGGER "PlanEvent_no_update" BEFORE UPDATE ON "PlanEvent"
FOR EACH ROW EXECUTE FUNCTION "PlanEvent_append_only"();

CREATE TRIGGER "PlanEvent_no_delete" BEFORE DELETE ON "PlanEvent"
FOR EACH ROW EXECUTE FUNCTION "PlanEvent_append_only"();
