-- CreateTable
CREATE TABLE "Question" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "topic" TEXT,
    "score" DOUBLE PRECISION,
    "outcome" TEXT NOT NULL,
    "askedAt" TIMESTAMP(3) NOT NULL,
    "handedOffAt" TIMESTAMP(3),
    "staffReply" TEXT,
    "repliedAt" TIMESTAMP(3),
    "repliedBy" INTEGER,
    "reviewedAt" TIMESTAMP(3),

    CONSTRAINT "Question_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgressUpdate" (
    "id" SERIAL NOT NULL,
    "batch" TEXT NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "text" TEXT,
    "personId" INTEGER NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProgressUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelToken" (
    "channel" TEXT NOT NULL,
    "accessToken" TEXT,
    "accessExpiresAt" TIMESTAMP(3),
    "refreshToken" TEXT NOT NULL,
    "refreshExpiresAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "refreshingUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChannelToken_pkey" PRIMARY KEY ("channel")
);

-- CreateTable
CREATE TABLE "InboundEvent" (
    "channel" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "processedAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "InboundEvent_pkey" PRIMARY KEY ("channel","eventId")
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

-- AddForeignKey
ALTER TABLE "ProgressUpdate" ADD CONSTRAINT "ProgressUpdate_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
