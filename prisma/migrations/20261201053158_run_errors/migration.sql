-- AlterEnum
ALTER TYPE "RunStatus" ADD VALUE 'succeeded_with_errors';

-- AlterEnum
ALTER TYPE "PageChange" ADD VALUE 'error';

