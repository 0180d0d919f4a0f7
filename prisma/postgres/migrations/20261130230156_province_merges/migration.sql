-- AlterTable
ALTER TABLE "Province" ADD COLUMN     "mergeBasis" TEXT,
ADD COLUMN     "mergedIntoCode" TEXT,
ADD COLUMN     "mergedOn" TEXT;
