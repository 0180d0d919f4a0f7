-- AlterTable
ALTER TABLE "Question" ADD COLUMN "answer" TEXT;
ALTER TABLE "Question" ADD COLUMN "choice" TEXT;
