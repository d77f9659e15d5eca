-- Claims of a queue row whose lease ran out without an outcome (the process holding it died). An inbound
-- event that ended the process INBOX_MAX_CRASHES times is quarantined instead of being handled again.
-- AlterTable (columns with a default: no table rebuild needed)
ALTER TABLE "InboundEvent" ADD COLUMN "crashes" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "OutboxMessage" ADD COLUMN "crashes" INTEGER NOT NULL DEFAULT 0;
