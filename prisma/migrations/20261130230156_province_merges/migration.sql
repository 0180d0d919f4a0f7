-- AlterTable
ALTER TABLE "Province" ADD COLUMN "mergeBasis" TEXT;
ALTER TABLE "Province" ADD COLUMN "mergedIntoCode" TEXT;
ALTER TABLE "Province" ADD COLUMN "mergedOn" TEXT;
