-- AlterTable
ALTER TABLE "Question" ADD COLUMN     "answer" TEXT,
ADD COLUMN     "choice" TEXT;
