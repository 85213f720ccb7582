-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "environment" TEXT;

