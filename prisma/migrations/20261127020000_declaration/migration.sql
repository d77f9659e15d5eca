-- CreateTable
CREATE TABLE "Conversation" (
    "openId" TEXT NOT NULL PRIMARY KEY,
    "flow" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "LinkRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "openId" TEXT NOT NULL,
    "unitCode" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL,
    "decidedBy" TEXT,
    "decidedAt" DATETIME
);

-- CreateTable
CREATE TABLE "UnitYear" (
    "unitCode" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "noPlanAt" DATETIME,
    "noPlanBy" TEXT,

    PRIMARY KEY ("unitCode", "year")
);

-- CreateIndex
CREATE INDEX "LinkRequest_openId_status_idx" ON "LinkRequest"("openId", "status");

