-- Each scheduled job runs once per slot across the instances sharing one database (db/job-lease-repo.ts).
-- CreateTable
CREATE TABLE "JobLease" (
    "job" TEXT NOT NULL,
    "slot" DATETIME NOT NULL,
    "instance" TEXT NOT NULL,
    "takenAt" DATETIME NOT NULL,

    PRIMARY KEY ("job", "slot")
);

