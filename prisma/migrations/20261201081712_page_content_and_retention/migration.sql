-- Issue 17: page content stored once per distinct content per team, a snapshot retention setting,
-- and run indexes for keyset pages at millions of runs (see README "History at scale").

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "snapshotRetentionDays" INTEGER;

-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "contentRemovedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "snapshotsPrunedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PageContent" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PageContent_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "RunPage" ADD COLUMN     "contentId" TEXT;

-- Move today's RunPage.text into PageContent: one row per distinct text per team, keyed by the
-- SHA-256 of the stored text (what lib/runs/page-content.ts computes), then point every page at it.
INSERT INTO "PageContent" ("id", "teamId", "hash", "text", "createdAt")
SELECT 'pc' || md5(c."teamId" || ':' || c."hash"), c."teamId", c."hash", c."text", c."createdAt"
FROM (
  SELECT DISTINCT ON (p."teamId", h."hash") p."teamId", h."hash", p."text", p."createdAt"
  FROM "RunPage" p
  CROSS JOIN LATERAL (SELECT encode(sha256(convert_to(p."text", 'UTF8')), 'hex') AS "hash") h
  WHERE p."text" IS NOT NULL
  ORDER BY p."teamId", h."hash", p."createdAt"
) c;

UPDATE "RunPage" p
SET "contentId" = 'pc' || md5(p."teamId" || ':' || encode(sha256(convert_to(p."text", 'UTF8')), 'hex'))
WHERE p."text" IS NOT NULL;

-- AlterTable
ALTER TABLE "RunPage" DROP COLUMN "text";

-- DropIndex
DROP INDEX "Run_teamId_status_idx";

-- DropIndex
DROP INDEX "Run_teamId_createdAt_idx";

-- DropIndex
DROP INDEX "Run_siteId_createdAt_idx";

-- DropIndex
DROP INDEX "RunPage_teamId_idx";

-- CreateIndex
CREATE UNIQUE INDEX "PageContent_teamId_hash_key" ON "PageContent"("teamId", "hash");

-- CreateIndex
CREATE INDEX "Run_teamId_createdAt_id_idx" ON "Run"("teamId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Run_teamId_status_createdAt_id_idx" ON "Run"("teamId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Run_teamId_source_createdAt_id_idx" ON "Run"("teamId", "source", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Run_siteId_createdAt_id_idx" ON "Run"("siteId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Run_siteId_finishedAt_id_idx" ON "Run"("siteId", "finishedAt", "id");

-- CreateIndex
CREATE INDEX "Run_teamId_snapshotsPrunedAt_createdAt_id_idx" ON "Run"("teamId", "snapshotsPrunedAt", "createdAt", "id");

-- CreateIndex
CREATE INDEX "RunPage_contentId_idx" ON "RunPage"("contentId");

-- AddForeignKey
ALTER TABLE "RunPage" ADD CONSTRAINT "RunPage_contentId_fkey" FOREIGN KEY ("contentId") REFERENCES "PageContent"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PageContent" ADD CONSTRAINT "PageContent_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;
