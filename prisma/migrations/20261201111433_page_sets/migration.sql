-- Issue 17 point 2: what a crawl found is stored once per distinct result per team (PageSet +
-- PageSetEntry, content-addressed like PageContent), and RunPage keeps only the rows of pages that
-- were added, changed, removed or failed (lib/runs/page-set.ts). Existing runs are moved: each
-- run's non-removed page rows become its set (shared by every run that found the same pages), the
-- rows an unchanged page implies are deleted, the others keep only their per-run columns.

-- CreateTable
CREATE TABLE "PageSet" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "pageCount" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PageSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PageSetEntry" (
    "setId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "httpStatus" INTEGER,
    "contentType" TEXT,
    "title" TEXT,
    "textHash" TEXT,
    "contentId" TEXT,
    "error" TEXT,
    "links" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "PageSetEntry_pkey" PRIMARY KEY ("setId","position")
);

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "pageDurationsMs" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "pageSetId" TEXT;

-- AlterTable
ALTER TABLE "RunPage" ALTER COLUMN "depth" DROP NOT NULL,
ALTER COLUMN "depth" DROP DEFAULT;

-- Each run's found pages (every row but removed ones) in byte order of URL, with the canonical
-- encoding lib/runs/page-set.ts hashes (length-prefixed UTF-8 fields, null as '~').
CREATE TABLE "_PageSetMove" AS
SELECT p."id" AS "pageId", p."runId", r."teamId", r."baselineRunId",
  (row_number() OVER (PARTITION BY p."runId" ORDER BY p."url" COLLATE "C") - 1)::int AS "position",
  p."url", p."depth", p."httpStatus", p."contentType", p."title", p."textHash", p."contentId",
  CASE WHEN p."httpStatus" IS NOT NULL THEN p."error" END AS "entryError",
  p."links", p."durationMs", p."error", p."change", p."previousStatus", p."diff",
  COALESCE(octet_length(p."url")::text || ':' || p."url", '~')
  || COALESCE(octet_length(p."depth"::text)::text || ':' || p."depth"::text, '~')
  || COALESCE(octet_length(p."httpStatus"::text)::text || ':' || p."httpStatus"::text, '~')
  || COALESCE(octet_length(p."contentType")::text || ':' || p."contentType", '~')
  || COALESCE(octet_length(p."title")::text || ':' || p."title", '~')
  || COALESCE(octet_length(p."textHash")::text || ':' || p."textHash", '~')
  || COALESCE(octet_length(p."contentId")::text || ':' || p."contentId", '~')
  || COALESCE(octet_length(CASE WHEN p."httpStatus" IS NOT NULL THEN p."error" END)::text || ':'
       || CASE WHEN p."httpStatus" IS NOT NULL THEN p."error" END, '~')
  || cardinality(p."links")::text || '['
  || COALESCE((SELECT string_agg(octet_length(l)::text || ':' || l, '' ORDER BY o)
               FROM unnest(p."links") WITH ORDINALITY AS u(l, o)), '') AS "canonical"
FROM "RunPage" p JOIN "Run" r ON r."id" = p."runId"
WHERE p."change" IS DISTINCT FROM 'removed';

CREATE TABLE "_PageSetOfRun" AS
SELECT g.*, 'ps' || md5(g."teamId" || ':' || g."hash") AS "setId"
FROM (
  SELECT "runId", "teamId", count(*)::int AS "pageCount",
    encode(sha256(convert_to(string_agg("canonical", '' ORDER BY "position"), 'UTF8')), 'hex') AS "hash",
    array_agg(COALESCE("durationMs", -1) ORDER BY "position") AS "durations"
  FROM "_PageSetMove" GROUP BY "runId", "teamId"
) g;

INSERT INTO "PageSet" ("id", "teamId", "hash", "pageCount")
SELECT DISTINCT ON ("setId") "setId", "teamId", "hash", "pageCount"
FROM "_PageSetOfRun" ORDER BY "setId", "runId";

-- Entries from one run per set (every run of a set found exactly these pages).
INSERT INTO "PageSetEntry" ("setId", "position", "url", "depth", "httpStatus", "contentType",
  "title", "textHash", "contentId", "error", "links")
SELECT o."setId", m."position", m."url", m."depth", m."httpStatus", m."contentType", m."title",
  m."textHash", m."contentId", m."entryError", m."links"
FROM (SELECT DISTINCT ON ("setId") "setId", "runId" FROM "_PageSetOfRun" ORDER BY "setId", "runId") o
JOIN "_PageSetMove" m ON m."runId" = o."runId";

UPDATE "Run" r SET "pageSetId" = o."setId", "pageDurationsMs" = o."durations"
FROM "_PageSetOfRun" o WHERE o."runId" = r."id";

-- Rows an unchanged page implies (readRunPages rebuilds them from the set entry) go.
DELETE FROM "RunPage" p USING "_PageSetMove" m
WHERE p."id" = m."pageId" AND m."change" = 'unchanged' AND m."diff" IS NULL
  AND m."error" IS NOT DISTINCT FROM m."entryError"
  AND m."previousStatus" IS NOT DISTINCT FROM
      (CASE WHEN m."baselineRunId" IS NOT NULL THEN m."httpStatus" END);

-- The rows that stay take their page metadata (and fetch time) from the set.
UPDATE "RunPage" p SET "depth" = NULL, "httpStatus" = NULL, "contentType" = NULL, "title" = NULL,
  "textHash" = NULL, "durationMs" = NULL
FROM "_PageSetMove" m WHERE p."id" = m."pageId";

DROP TABLE "_PageSetOfRun";

DROP TABLE "_PageSetMove";

-- DropForeignKey
ALTER TABLE "RunPage" DROP CONSTRAINT "RunPage_contentId_fkey";

-- DropIndex
DROP INDEX "RunPage_contentId_idx";

-- AlterTable
ALTER TABLE "RunPage" DROP COLUMN "contentId",
DROP COLUMN "links";

-- CreateIndex
CREATE INDEX "PageSet_teamId_idx" ON "PageSet"("teamId");

-- CreateIndex
CREATE INDEX "PageSetEntry_contentId_idx" ON "PageSetEntry"("contentId");

-- CreateIndex
CREATE INDEX "Run_pageSetId_idx" ON "Run"("pageSetId");

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_pageSetId_fkey" FOREIGN KEY ("pageSetId") REFERENCES "PageSet"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PageSet" ADD CONSTRAINT "PageSet_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PageSetEntry" ADD CONSTRAINT "PageSetEntry_setId_fkey" FOREIGN KEY ("setId") REFERENCES "PageSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;
