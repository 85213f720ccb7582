-- AlterEnum
ALTER TYPE "RunStatus" ADD VALUE 'succeeded_with_errors';

-- AlterEnum
ALTER TYPE "PageChange" ADD VALUE 'error';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "trialUsedAt" TIMESTAMP(3);

