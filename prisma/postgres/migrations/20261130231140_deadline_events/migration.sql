-- CreateTable
CREATE TABLE "DeadlineEvent" (
    "id" SERIAL NOT NULL,
    "occurrenceKey" TEXT NOT NULL,
    "taskId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "dueOn" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "personId" INTEGER,
    "channel" TEXT,
    "detail" TEXT,

    CONSTRAINT "DeadlineEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeadlineEvent_occurrenceKey_idx" ON "DeadlineEvent"("occurrenceKey");

-- CreateIndex
CREATE INDEX "DeadlineEvent_agencyId_idx" ON "DeadlineEvent"("agencyId");
