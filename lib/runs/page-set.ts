// What a crawl found, stored once per distinct result per team (issue 17), like git's trees:
//
// - PageSet + PageSetEntry: the pages a crawl found (URL, depth, status, content type, title, text
//   hash, content id, answer error, links), in byte order of URL. The set's id is derived from the
//   team and the SHA-256 of a canonical encoding of its entries, so a crawl that finds exactly
//   what an earlier one found points at the same set and writes no entries.
// - RunPage: only what is particular to one run — a row for a page that was added, changed,
//   removed or failed (change, previous status, diff, error). An unchanged page has no row.
// - Run.pageSetId and Run.pageDurationsMs (each found page's fetch time, in set order).
//
// readRunPages is the one way to read a run's pages: the set's entries joined with the run's rows;
// an entry without a row is "unchanged" (previous status = its status when the run had a
// baseline). Rows of pages absent from the set (removed pages, or rows written without a set)
// carry their own metadata.
import { createHash } from "node:crypto";
import type { Tx } from "@/lib/db";
import type { PageChange } from "@/lib/generated/prisma/client";
import { pgPool } from "@/lib/pg-pool";

export type PageSetEntryInput = {
  url: string;
  depth: number;
  httpStatus: number | null;
  contentType: string | null;
  title: string | null;
  textHash: string | null;
  contentId: string | null;
  /** The answer's error ("HTTP 404"); null for a fetch that failed (its error is per run). */
  error: string | null;
  links: string[];
};

/** Byte order of the UTF-8 URL: what PostgreSQL's `COLLATE "C"` sorts by (the migration). */
export function compareUrls(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

// Length-prefixed (in UTF-8 bytes), so no value can forge a field boundary; null is "~".
// prisma/migrations/*_page_sets computes the same string in SQL for existing runs.
const field = (v: string | number | null) => {
  if (v === null) return "~";
  const s = String(v);
  return `${Buffer.byteLength(s, "utf8")}:${s}`;
};

function canonicalEntry(e: PageSetEntryInput): string {
  return (
    field(e.url) +
    field(e.depth) +
    field(e.httpStatus) +
    field(e.contentType) +
    field(e.title) +
    field(e.textHash) +
    field(e.contentId) +
    field(e.error) +
    `${e.links.length}[` +
    e.links.map(field).join("")
  );
}

/** SHA-256 (hex) of the canonical encoding of entries already in URL byte order. */
export function pageSetHash(entries: PageSetEntryInput[]): string {
  const h = createHash("sha256");
  for (const e of entries) h.update(canonicalEntry(e), "utf8");
  return h.digest("hex");
}

/** The PageSet id of `hash` in `teamId` (the migration computes the same: 'ps' || md5(…)). */
export function pageSetId(teamId: string, hash: string): string {
  return `ps${createHash("md5").update(`${teamId}:${hash}`, "utf8").digest("hex")}`;
}

/** The id of a run's page (the page API's `id`): derived, so unchanged pages need no row. */
export function runPageId(runId: string, url: string): string {
  return `rp${createHash("md5").update(`${runId}:${url}`, "utf8").digest("hex")}`;
}

/**
 * Stores the set (entries in URL byte order, as compareUrls sorts) for the team inside the
 * caller's transaction unless it exists, and returns its id (null for no entries). Two crawls
 * storing the same new set concurrently: the second waits on the first's insert and then
 * finds it.
 */
export async function storePageSet(
  tx: Pick<Tx, "$executeRaw">,
  teamId: string,
  entries: PageSetEntryInput[],
): Promise<string | null> {
  if (entries.length === 0) return null;
  const hash = pageSetHash(entries);
  const id = pageSetId(teamId, hash);
  const inserted = await tx.$executeRaw`
    INSERT INTO "PageSet" ("id", "teamId", "hash", "pageCount")
    VALUES (${id}, ${teamId}, ${hash}, ${entries.length})
    ON CONFLICT ("id") DO NOTHING`;
  if (inserted === 0) return id;
  const col = <K extends keyof PageSetEntryInput>(k: K) => entries.map((e) => e[k]);
  // Links as one JSON array per entry: a text[][] parameter would need equal lengths.
  const links = entries.map((e) => JSON.stringify(e.links));
  await tx.$executeRaw`
    INSERT INTO "PageSetEntry" ("setId", "position", "url", "depth", "httpStatus", "contentType",
      "title", "textHash", "contentId", "error", "links")
    SELECT ${id}, (u.ord - 1)::int, u.url, u.depth, u.status, u.ctype, u.title, u.hash, u.cid,
      u.err, ARRAY(SELECT jsonb_array_elements_text(u.links::jsonb))
    FROM unnest(${col("url")}::text[], ${col("depth")}::int[], ${col("httpStatus")}::int[],
      ${col("contentType")}::text[], ${col("title")}::text[], ${col("textHash")}::text[],
      ${col("contentId")}::text[], ${col("error")}::text[], ${links}::text[])
      WITH ORDINALITY AS u(url, depth, status, ctype, title, hash, cid, err, links, ord)`;
  return id;
}

export type RunPageRecord = {
  id: string;
  url: string;
  depth: number;
  httpStatus: number | null;
  contentType: string | null;
  title: string | null;
  textHash: string | null;
  durationMs: number | null;
  error: string | null;
  change: PageChange | null;
  previousStatus: number | null;
  diff: string | null;
  /** The stored text's content id (null for no text). */
  contentId: string | null;
};

export type RunPageWithText = RunPageRecord & {
  /** The stored text; null without text and once retention pruned the run's snapshots. */
  text: string | null;
};

export type ReadRunPagesOptions = {
  /** Only pages with this change. */
  change?: PageChange;
  /** Leave removed pages out (what a baseline compares with). */
  withoutRemoved?: boolean;
  /** Pages after the page with this id, in URL byte order (the API's cursor). */
  afterId?: string;
  limit?: number;
};

/**
 * The SQL of readRunPages ($1 run id, $2 team id, then the options' values). Exported for the
 * migration test, which runs it on its own database.
 */
export const runPagesSql = (withText: boolean, o: ReadRunPagesOptions) => {
  const values: unknown[] = [];
  const arg = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const runId = arg(null);
  const teamId = arg(null);
  const where: string[] = [];
  if (o.change) where.push(`"change" = ${arg(o.change)}::"PageChange"`);
  if (o.withoutRemoved) where.push(`"change" IS DISTINCT FROM 'removed'`);
  if (o.afterId)
    where.push(
      `"url" COLLATE "C" > (SELECT a."url" FROM pages a WHERE a."id" = ${arg(o.afterId)}) COLLATE "C"`,
    );
  const text = `
    WITH r AS (
      SELECT "id", "pageSetId", "baselineRunId", "pageDurationsMs", "snapshotsPrunedAt"
      FROM "Run" WHERE "id" = ${runId} AND "teamId" = ${teamId}
    ), e AS (
      SELECT e.* FROM "PageSetEntry" e JOIN r ON e."setId" = r."pageSetId"
    ), p AS (
      SELECT p.* FROM "RunPage" p JOIN r ON p."runId" = r."id"
    ), pages AS (
      SELECT
        COALESCE(p."id", 'rp' || md5(r."id" || ':' || e."url")) AS "id",
        COALESCE(e."url", p."url") AS "url",
        CASE WHEN e."url" IS NULL THEN COALESCE(p."depth", 0) ELSE e."depth" END AS "depth",
        CASE WHEN e."url" IS NULL THEN p."httpStatus" ELSE e."httpStatus" END AS "httpStatus",
        CASE WHEN e."url" IS NULL THEN p."contentType" ELSE e."contentType" END AS "contentType",
        CASE WHEN e."url" IS NULL THEN p."title" ELSE e."title" END AS "title",
        CASE WHEN e."url" IS NULL THEN p."textHash" ELSE e."textHash" END AS "textHash",
        COALESCE(p."durationMs", NULLIF(r."pageDurationsMs"[e."position" + 1], -1)) AS "durationMs",
        CASE WHEN p."id" IS NULL THEN e."error" ELSE p."error" END AS "error",
        CASE WHEN p."id" IS NULL THEN 'unchanged'::"PageChange" ELSE p."change" END AS "change",
        CASE WHEN p."id" IS NOT NULL THEN p."previousStatus"
             WHEN r."baselineRunId" IS NOT NULL THEN e."httpStatus" END AS "previousStatus",
        p."diff",
        e."contentId",
        r."snapshotsPrunedAt" IS NOT NULL AS "pruned"
      FROM e FULL JOIN p ON p."url" = e."url" CROSS JOIN r
    )
    SELECT pages."id", pages."url", pages."depth", pages."httpStatus", pages."contentType",
      pages."title", pages."textHash", pages."durationMs", pages."error", pages."change",
      pages."previousStatus", pages."diff", pages."contentId"
      ${withText ? `, CASE WHEN NOT pages."pruned" THEN c."text" END AS "text"` : ""}
    FROM pages
    ${withText ? `LEFT JOIN "PageContent" c ON c."id" = pages."contentId" AND c."teamId" = ${teamId}` : ""}
    ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
    ORDER BY pages."url" COLLATE "C"
    ${o.limit ? `LIMIT ${arg(o.limit)}` : ""}`;
  return { text, values };
};

const statementNames = new Map<string, string>();

async function queryPages(
  teamId: string,
  runId: string,
  withText: boolean,
  opts: ReadRunPagesOptions,
) {
  const { text, values } = runPagesSql(withText, opts);
  values[0] = runId;
  values[1] = teamId;
  let name = statementNames.get(text);
  if (!name) {
    name = `rp_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    statementNames.set(text, name);
  }
  const { rows } = await pgPool().query({ name, text, values });
  return rows;
}

/**
 * A run's pages (the team's run only; none for another team's), in URL byte order. One query on
 * the hot pool: the run's set entries joined with its RunPage rows.
 */
export async function readRunPages(
  teamId: string,
  runId: string,
  opts: ReadRunPagesOptions = {},
): Promise<RunPageRecord[]> {
  return (await queryPages(teamId, runId, false, opts)) as RunPageRecord[];
}

/** readRunPages with each page's stored text (the diff baseline). */
export async function readRunPagesWithText(
  teamId: string,
  runId: string,
  opts: ReadRunPagesOptions = {},
): Promise<RunPageWithText[]> {
  return (await queryPages(teamId, runId, true, opts)) as RunPageWithText[];
}
