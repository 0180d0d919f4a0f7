-- CreateTable
CREATE TABLE "Extension" (
    "id" SERIAL NOT NULL,
    "occurrenceKey" TEXT NOT NULL,
    "taskId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "originalDueOn" TEXT NOT NULL,
    "requestedDueOn" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedById" INTEGER NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "declineReason" TEXT,

    CONSTRAINT "Extension_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Extension_occurrenceKey_idx" ON "Extension"("occurrenceKey");

-- CreateIndex
CREATE INDEX "Extension_status_requestedDueOn_idx" ON "Extension"("status", "requestedDueOn");
