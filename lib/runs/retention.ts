// Snapshot retention. A team may keep full page snapshots (stored text and diffs) for the last N
// days only (Team.snapshotRetentionDays; null keeps everything). Run rows — summary, status, change
// counts — and page rows' metadata (URL, HTTP status, change, text hash) are kept forever, and so is
// every snapshot a current baseline needs: the latest successful run of each site is never pruned,
// so the next run's diff always has its reference. A deleted site's runs lose their snapshots
// whatever the setting (deleting a team removes its content through the foreign keys).
//
// pruneSnapshots() runs as the graphile-worker cron task PRUNE_TASK (every 15 minutes, once across
// workers) and right after a site is deleted or the setting changes. It works in small batches of
// runs, each its own short transaction: the batch's page rows drop their diffs, the runs are marked
// pruned, then the contents no kept run's page set names any more are deleted — only those it can
// lock at once (SKIP LOCKED), so a crawl storing the same text concurrently (it locks the contents
// it reuses with FOR KEY SHARE, lib/runs/page-content.ts) is never blocked nor broken. Page sets
// (URLs, statuses, text hashes) are kept: they are the runs' page metadata. A set's entries may
// then name a deleted content; a later crawl that finds the same text stores it again under the
// same id (content-addressed), which makes the set whole again.
import { db, type Tx } from "@/lib/db";
import { COMPLETED_STATUSES } from "@/lib/runs/status";

export {
  describeRetention,
  RETENTION_CHOICES,
  retentionDaysSchema,
} from "@/lib/runs/retention-choices";

export const PRUNE_TASK = "prune_snapshots";
/** graphile-worker crontab line: every 15 minutes. */
export const PRUNE_CRONTAB = `*/15 * * * * ${PRUNE_TASK} ?max=1`;
export const PRUNE_BATCH_RUNS = 20;

export async function setSnapshotRetention(teamId: string, days: number | null): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.team.update({ where: { id: teamId }, data: { snapshotRetentionDays: days } });
    if (days !== null) await enqueuePrune(tx);
  });
}

/** Asks a worker to prune soon (one pending job at most). */
export async function enqueuePrune(tx: Pick<Tx, "$queryRaw">): Promise<void> {
  await tx.$queryRaw`SELECT (graphile_worker.add_job(
      ${PRUNE_TASK}::text, '{}'::json, max_attempts := 1, job_key := ${PRUNE_TASK}::text
    )).id::text AS id`;
}

/**
 * Removes the snapshots of these runs (one short transaction); returns the contents deleted. The
 * runs' diffs go; their page sets (page metadata) stay, and a content is deleted once no kept
 * (unpruned) run's set names it. Sets a kept run still uses are no candidates at all, so pruning
 * an unchanged site's old runs — which share the current baseline's set — deletes nothing and
 * costs a few index reads.
 */
export async function pruneRunSnapshots(runIds: string[]): Promise<number> {
  if (runIds.length === 0) return 0;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`
      UPDATE "RunPage" SET "diff" = NULL
      WHERE "runId" = ANY(${runIds}::text[]) AND "diff" IS NOT NULL`;
    const sets = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "Run" SET "snapshotsPrunedAt" = now() AT TIME ZONE 'UTC'
      WHERE "id" = ANY(${runIds}::text[]) AND "snapshotsPrunedAt" IS NULL
      RETURNING "pageSetId" AS "id"`;
    const setIds = [...new Set(sets.map((s) => s.id).filter((id) => id !== null))];
    if (setIds.length === 0) return 0;
    return tx.$executeRaw`
      DELETE FROM "PageContent" WHERE "id" IN (
        SELECT c."id" FROM "PageContent" c
        WHERE c."id" IN (
            SELECT e."contentId" FROM "PageSetEntry" e
            WHERE e."setId" = ANY(${setIds}::text[]) AND e."contentId" IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM "Run" k
                WHERE k."pageSetId" = e."setId" AND k."snapshotsPrunedAt" IS NULL))
          AND NOT EXISTS (SELECT 1 FROM "PageSetEntry" o JOIN "Run" k ON k."pageSetId" = o."setId"
            WHERE o."contentId" = c."id" AND k."snapshotsPrunedAt" IS NULL)
        FOR UPDATE SKIP LOCKED)`;
  });
}

type Key = { createdAt: Date; id: string };
const START: Key = { createdAt: new Date(0), id: "" };

/** The next batch of a team's runs past retention, oldest first, current baselines left out. */
async function expiredRuns(teamId: string, cutoff: Date, after: Key) {
  const completed = [...COMPLETED_STATUSES];
  return db.$queryRaw<{ id: string; createdAt: Date }[]>`
    SELECT r."id", r."createdAt" FROM "Run" r
    WHERE r."teamId" = ${teamId} AND r."snapshotsPrunedAt" IS NULL
      AND r."createdAt" < ${cutoff}::timestamptz AT TIME ZONE 'UTC'
      AND (r."createdAt", r."id") > (${after.createdAt}::timestamptz AT TIME ZONE 'UTC', ${after.id})
      AND r."status" NOT IN ('queued', 'running')
      AND (r."status"::text <> ALL(${completed}::text[]) OR EXISTS (
        SELECT 1 FROM "Run" n
        WHERE n."siteId" = r."siteId" AND n."status"::text = ANY(${completed}::text[])
          AND (n."finishedAt", n."id") > (r."finishedAt", r."id")))
    ORDER BY r."createdAt", r."id"
    LIMIT ${PRUNE_BATCH_RUNS}`;
}

/** The next batch of a deleted site's runs that still have snapshots. */
async function runsOfDeletedSite(siteId: string, after: Key) {
  return db.$queryRaw<{ id: string; createdAt: Date }[]>`
    SELECT r."id", r."createdAt" FROM "Run" r
    WHERE r."siteId" = ${siteId}
      AND (r."createdAt", r."id") > (${after.createdAt}::timestamptz AT TIME ZONE 'UTC', ${after.id})
      AND r."snapshotsPrunedAt" IS NULL
    ORDER BY r."createdAt", r."id"
    LIMIT ${PRUNE_BATCH_RUNS}`;
}

export type PruneResult = { runs: number; contents: number; done: boolean };

/**
 * Prunes up to `maxBatches` batches: first the content of deleted sites, then snapshots past each
 * team's retention. `done` is false when it stopped at the limit (the next call continues).
 */
export async function pruneSnapshots(
  opts: { now?: Date; maxBatches?: number; teamId?: string } = {},
): Promise<PruneResult> {
  const now = opts.now ?? new Date();
  let budget = opts.maxBatches ?? 500;
  const result: PruneResult = { runs: 0, contents: 0, done: false };
  const walk = async (next: (after: Key) => Promise<{ id: string; createdAt: Date }[]>) => {
    let after = START;
    while (budget > 0) {
      const batch = await next(after);
      if (batch.length === 0) return true;
      budget--;
      result.contents += await pruneRunSnapshots(batch.map((r) => r.id));
      result.runs += batch.length;
      const last = batch.at(-1);
      if (!last || batch.length < PRUNE_BATCH_RUNS) return true;
      after = { createdAt: last.createdAt, id: last.id };
    }
    return false;
  };

  const deletedSites = await db.site.findMany({
    where: {
      deletedAt: { not: null },
      contentRemovedAt: null,
      ...(opts.teamId ? { teamId: opts.teamId } : {}),
    },
    select: { id: true },
    take: 100,
  });
  for (const site of deletedSites) {
    if (!(await walk((after) => runsOfDeletedSite(site.id, after)))) return result;
    await db.site.update({ where: { id: site.id }, data: { contentRemovedAt: now } });
  }
  const teams = await db.team.findMany({
    where: { snapshotRetentionDays: { not: null }, ...(opts.teamId ? { id: opts.teamId } : {}) },
    select: { id: true, snapshotRetentionDays: true },
  });
  for (const team of teams) {
    const cutoff = new Date(now.getTime() - (team.snapshotRetentionDays ?? 0) * 86_400_000);
    if (!(await walk((after) => expiredRuns(team.id, cutoff, after)))) return result;
  }
  result.done = true;
  return result;
}
