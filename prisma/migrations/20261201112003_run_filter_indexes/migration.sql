-- Keyset indexes for the run list's filter combinations that had none (site + status, site +
-- source, status + source, all three). Without them a filter that matches few runs reads the
-- whole history of the site or status (README, "History at scale"). A plain CREATE INDEX blocks
-- writes to "Run" while it builds (a few seconds per index at 1,000,000 runs). On a large table,
-- build them first with CREATE INDEX CONCURRENTLY under the same names, and IF NOT EXISTS then
-- skips them. (No semicolons in these comments: the statements are split on them.)
-- CreateIndex
CREATE INDEX IF NOT EXISTS "Run_teamId_status_source_createdAt_id_idx" ON "Run"("teamId", "status", "source", "createdAt", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "Run_siteId_status_createdAt_id_idx" ON "Run"("siteId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "Run_siteId_source_createdAt_id_idx" ON "Run"("siteId", "source", "createdAt", "id");

-- CreateIndex
CREATE INDEX IF NOT EXISTS "Run_siteId_status_source_createdAt_id_idx" ON "Run"("siteId", "status", "source", "createdAt", "id");

