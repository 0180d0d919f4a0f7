-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN "failedAt" DATETIME;

-- CreateTable
CREATE TABLE "PlannedOccurrence" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "taskId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "dueOn" TEXT NOT NULL,
    "nextFireAt" DATETIME
);

-- CreateTable
CREATE TABLE "SchedulerSetting" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "holder" TEXT,
    "until" DATETIME
);

-- CreateTable
CREATE TABLE "RateBudget" (
    "channel" TEXT NOT NULL PRIMARY KEY,
    "nextAt" REAL NOT NULL
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
