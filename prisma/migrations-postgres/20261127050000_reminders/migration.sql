-- CreateTable
CREATE TABLE "ReminderLog" (
    "key" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "slots" TEXT NOT NULL,
    "items" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ReminderLog_pkey" PRIMARY KEY ("key")
);

