-- AlterTable
ALTER TABLE "Agency" ADD COLUMN     "endedOn" TEXT;

-- AlterTable
ALTER TABLE "AgencyEvent" ADD COLUMN     "effectiveOn" TEXT;

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "confirmedRecurrence" TEXT;

-- CreateTable
CREATE TABLE "TaskDateChange" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "before" TEXT NOT NULL,
    "after" TEXT NOT NULL,
    "byPersonId" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TaskDateChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgencySuccessor" (
    "fromId" INTEGER NOT NULL,
    "toId" INTEGER NOT NULL,
    "effectiveOn" TEXT NOT NULL,
    "byPersonId" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AgencySuccessor_pkey" PRIMARY KEY ("fromId","toId")
);

-- CreateIndex
CREATE INDEX "TaskDateChange_taskId_idx" ON "TaskDateChange"("taskId");

-- AddForeignKey
ALTER TABLE "TaskDateChange" ADD CONSTRAINT "TaskDateChange_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
