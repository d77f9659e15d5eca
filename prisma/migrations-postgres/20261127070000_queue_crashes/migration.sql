-- AlterTable
ALTER TABLE "InboundEvent" ADD COLUMN     "crashes" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "crashes" INTEGER NOT NULL DEFAULT 0;

