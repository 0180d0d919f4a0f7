-- CreateTable
CREATE TABLE "Extension" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "occurrenceKey" TEXT NOT NULL,
    "taskId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "originalDueOn" TEXT NOT NULL,
    "requestedDueOn" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedById" INTEGER NOT NULL,
    "requestedAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" INTEGER,
    "decidedAt" DATETIME,
    "declineReason" TEXT
);

-- CreateIndex
CREATE INDEX "Extension_occurrenceKey_idx" ON "Extension"("occurrenceKey");

-- CreateIndex
CREATE INDEX "Extension_status_requestedDueOn_idx" ON "Extension"("status", "requestedDueOn");
