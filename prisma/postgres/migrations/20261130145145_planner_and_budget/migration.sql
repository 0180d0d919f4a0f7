-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "failedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PlannedOccurrence" (
    "key" TEXT NOT NULL,
    "taskId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "dueOn" TEXT NOT NULL,
    "nextFireAt" TIMESTAMP(3),

    CONSTRAINT "PlannedOccurrence_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SchedulerSetting" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "holder" TEXT,
    "until" TIMESTAMP(3),

    CONSTRAINT "SchedulerSetting_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "RateBudget" (
    "channel" TEXT NOT NULL,
    "nextAt" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "RateBudget_pkey" PRIMARY KEY ("channel")
);

-- CreateIndex
CREATE INDEX "PlannedOccurrence_nextFireAt_idx" ON "PlannedOccurrence"("nextFireAt");

-- CreateIndex
CREATE INDEX "PlannedOccurrence_agencyId_idx" ON "PlannedOccurrence"("agencyId");

-- CreateIndex
CREATE INDEX "PlannedOccurrence_taskId_idx" ON "PlannedOccurrence"("taskId");

-- CreateIndex
CREATE INDEX "Outbox_status_channel_idx" ON "Outbox"("status", "channel");

-- CreateIndex
CREATE INDEX "Outbox_status_sentAt_idx" ON "Outbox"("status", "sentAt");
