-- CreateTable
CREATE TABLE "Question" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "topic" TEXT,
    "score" REAL,
    "outcome" TEXT NOT NULL,
    "askedAt" DATETIME NOT NULL,
    "handedOffAt" DATETIME,
    "staffReply" TEXT,
    "repliedAt" DATETIME,
    "repliedBy" INTEGER,
    "reviewedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ProgressUpdate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "batch" TEXT NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" REAL,
    "text" TEXT,
    "personId" INTEGER NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    CONSTRAINT "ProgressUpdate_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChannelToken" (
    "channel" TEXT NOT NULL PRIMARY KEY,
    "accessToken" TEXT,
    "accessExpiresAt" DATETIME,
    "refreshToken" TEXT NOT NULL,
    "refreshExpiresAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "refreshingUntil" DATETIME,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "InboundEvent" (
    "channel" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "processedAt" DATETIME,
    "error" TEXT,

    PRIMARY KEY ("channel", "eventId")
);

-- CreateIndex
CREATE INDEX "Question_outcome_askedAt_idx" ON "Question"("outcome", "askedAt");

-- CreateIndex
CREATE INDEX "ProgressUpdate_agencyId_period_metric_idx" ON "ProgressUpdate"("agencyId", "period", "metric");

-- CreateIndex
CREATE INDEX "ProgressUpdate_period_idx" ON "ProgressUpdate"("period");

-- CreateIndex
CREATE INDEX "ProgressUpdate_receivedAt_idx" ON "ProgressUpdate"("receivedAt");

-- CreateIndex
CREATE INDEX "InboundEvent_processedAt_idx" ON "InboundEvent"("processedAt");
