-- CreateTable
CREATE TABLE "Conversation" (
    "openId" TEXT NOT NULL,
    "flow" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("openId")
);

-- CreateTable
CREATE TABLE "LinkRequest" (
    "id" SERIAL NOT NULL,
    "openId" TEXT NOT NULL,
    "unitCode" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMPTZ(3),

    CONSTRAINT "LinkRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitYear" (
    "unitCode" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "noPlanAt" TIMESTAMPTZ(3),
    "noPlanBy" TEXT,

    CONSTRAINT "UnitYear_pkey" PRIMARY KEY ("unitCode","year")
);

-- CreateIndex
CREATE INDEX "LinkRequest_openId_status_idx" ON "LinkRequest"("openId", "status");

