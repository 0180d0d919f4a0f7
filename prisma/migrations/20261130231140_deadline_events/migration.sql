-- CreateTable
CREATE TABLE "DeadlineEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "occurrenceKey" TEXT NOT NULL,
    "taskId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "dueOn" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "personId" INTEGER,
    "channel" TEXT,
    "detail" TEXT
);

-- CreateIndex
CREATE INDEX "DeadlineEvent_occurrenceKey_idx" ON "DeadlineEvent"("occurrenceKey");

-- CreateIndex
CREATE INDEX "DeadlineEvent_agencyId_idx" ON "DeadlineEvent"("agencyId");
