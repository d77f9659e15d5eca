-- CreateTable
CREATE TABLE "ReminderLog" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "recipient" TEXT NOT NULL,
    "slots" TEXT NOT NULL,
    "items" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

