// History at scale (issue 17) — not a timed test. Two parts, in a throwaway database:
//
// 1. Storage: a 500-page local site crawled, then crawled again unchanged, through the worker's
//    own persistence (recordRunResults): bytes the run tables grew by on the first crawl and, on
//    average, on each of HISTORY_BENCH_UNCHANGED_CRAWLS (10) unchanged crawls after it, and the
//    bytes of the rows each wrote. Two sites: the crawl bench's tree site (a sentence or two per
//    page) and the same tree with documentation-sized pages (HISTORY_BENCH_DOCS_TEXT_BYTES of
//    visible text each, default 10,000).
// 2. Scale: one team's history grown through stages — by default 10,000 runs, then 1,000,000 for
//    the team, then 10,000,000 across teams (9 other teams share the rest) — seeded with
//    INSERT … SELECT generate_series with the Run indexes dropped during the load and rebuilt
//    after it (and foreign-key triggers off: session_replication_role = replica). The team's runs
//    get HISTORY_BENCH_PAGES_PER_RUN page rows each (default 5), pointing at content that changes
//    every 1,000 runs. After each stage the production server (dist/server.mjs) answers the pages
//    and APIs of issue 17 point 1, timed as in bench/pages.ts (request to last byte on loopback,
//    median and p95 of sequential requests), and the table sizes are printed; the last stage
//    also prints EXPLAIN (ANALYZE) of the hot queries.
//
// Run: `tsx bench/history.ts`, or the "history" section of `npm run bench`.
// HISTORY_BENCH_STAGES: "team:total,…" (default "10000:10000,1000000:1000000,1000000:10000000");
// "none" runs part 1 only (no build, no server).
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createTestDatabase } from "../scripts/test-db";
import { deepCursor, signIn, time, type PageTiming } from "./pages";
import { ensureBuild, freePort, ROOT, runInChild, waitFor } from "./server-support";

const SITES = 5;
const OTHER_TEAMS = 9;
const TARGET_MS = 100;

type Stage = { teamRuns: number; totalRuns: number };
type StageResult = Stage & {
  seedSeconds: number;
  /** The machine's 1-minute load average when the stage was timed (the machine is shared). */
  loadAverage?: number;
  timings: PageTiming[];
  tables: Record<string, { rows: number; totalBytes: number; indexBytes: number }>;
};
export type HistoryBenchResult = {
  storage: { tree: StorageFigures; docs: StorageFigures };
  stages: StageResult[];
  ratios: { path: string; medianMs: number[]; ratioToFirst: number[]; under100: boolean }[];
};

function stages(): Stage[] {
  const spec = process.env.HISTORY_BENCH_STAGES ?? "10000:10000,1000000:1000000,1000000:10000000";
  if (spec === "none") return [];
  return spec.split(",").map((s) => {
    const [team, total] = s.split(":").map(Number);
    if (!team || !total || total < team) throw new Error(`bad stage ${s}`);
    return { teamRuns: team, totalRuns: total };
  });
}

const TABLES = ["Run", "RunPage", "PageSet", "PageSetEntry", "PageContent"];
/** Every table a recorded crawl writes to (part 1 measures their growth). */
const RUN_TABLES = [...TABLES, "RunLog"];

async function tableSizes(c: pg.Client) {
  const out: StageResult["tables"] = {};
  for (const t of TABLES) {
    const { rows } = await c.query<{ rows: string; total: string; idx: string }>(
      `SELECT (SELECT reltuples FROM pg_class WHERE oid = $1::regclass)::bigint AS rows,
              pg_total_relation_size($1::regclass) AS total, pg_indexes_size($1::regclass) AS idx`,
      [`"${t}"`],
    );
    const r = rows[0];
    out[t] = { rows: Number(r?.rows), totalBytes: Number(r?.total), indexBytes: Number(r?.idx) };
  }
  return out;
}

/** Total bytes (heap, TOAST, indexes) of each run table. */
const growth = async (c: pg.Client) => {
  const { rows } = await c.query<{ t: string; n: string }>(
    `SELECT c.relname AS t, pg_total_relation_size(c.oid) AS n FROM pg_class c
     WHERE c.relname = ANY($1::text[]) AND c.relkind = 'r'`,
    [RUN_TABLES],
  );
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
};
const total = (sizes: Record<string, number>) => Object.values(sizes).reduce((a, b) => a + b, 0);
const delta = (after: Record<string, number>, before: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(after)
      .map(([t, n]) => [t, n - (before[t] ?? 0)] as const)
      .filter(([, n]) => n !== 0),
  );

const WORDS = (
  "deploy release page text change site crawl signal diff team schedule baseline run status " +
  "pricing docs guide install configure api key token webhook agent retention history worker"
).split(" ");

/**
 * The crawl bench's 500-page tree site with documentation-sized pages: each page has about
 * `bytes` of visible text, pseudo-random words (seeded by the page number, so the second crawl
 * sees exactly the same text) that compress about as well as prose.
 */
function docsSite(n: number, bytes: number) {
  return (pathname: string) => {
    const m = /^\/p\/(\d+)$/.exec(pathname);
    const i = pathname === "/" ? 0 : m ? Number(m[1]) : -1;
    if (i < 0 || i >= n) return null;
    let seed = i + 1;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const paragraphs: string[] = [];
    let size = 0;
    while (size < bytes) {
      const words = Array.from({ length: 60 }, () => WORDS[next() % WORDS.length]).join(" ");
      paragraphs.push(`${words} ${next()}.`);
      size += words.length + 12;
    }
    const links = [2 * i + 1, 2 * i + 2].filter((k) => k < n).map((k) => `/p/${k}`);
    return { paragraphs, links, title: `Page ${i}` };
  };
}

type StorageFigures = {
  pages: number;
  textBytesPerPage: number;
  firstCrawlBytes: number;
  secondCrawlBytes: number;
  secondOverFirst: number;
  /** Bytes each table grew by (tables that did not grow are left out). */
  firstByTable: Record<string, number>;
  secondByTable: Record<string, number>;
  /** Bytes of the rows each crawl wrote (no index entries, no page slack). */
  firstCrawlRowBytes: number;
  secondCrawlRowBytes: number;
  /** Unchanged crawls after the first; secondCrawlBytes and secondByTable are their mean. */
  unchangedCrawls: number;
};

/** Part 1: bytes the tables grew by on a first and an unchanged second crawl of a local site. */
async function storageBench(c: pg.Client, teamId: string, kind: "tree" | "docs") {
  const { db } = await import("@/lib/db");
  const { crawl } = await import("@/lib/crawl/crawl");
  const { createHttpFetcher } = await import("@/lib/crawl/fetcher");
  const { recordRunResults } = await import("@/lib/runs/record-results");
  const { page, startSiteServer, treeSite } = await import("@/test/site-server");
  const docs = docsSite(500, Number(process.env.HISTORY_BENCH_DOCS_TEXT_BYTES ?? 10_000));
  const server = await startSiteServer(
    kind === "tree"
      ? treeSite(500)
      : (pathname) => {
          const d = docs(pathname);
          return d ? page(d.title, d.paragraphs, d.links) : null;
        },
  );
  try {
    const site = await db.site.create({
      data: {
        teamId,
        name: `Local 500 (${kind})`,
        startUrl: `${server.url}/`,
        maxPages: 500,
        maxDepth: 20,
      },
    });
    const fetcher = createHttpFetcher({ allowPrivateNetworks: true });
    // Bytes of the rows a crawl wrote (tuples as stored, without index entries or page slack):
    // the run's row, log lines and page rows, and the sets, entries and contents it created.
    const rowBytes = async (runId: string, since: string) => {
      const { rows } = await c.query<{ n: string }>(
        `SELECT (SELECT pg_column_size(r.*) FROM "Run" r WHERE r.id = $1)
           + COALESCE((SELECT sum(pg_column_size(l.*)) FROM "RunLog" l WHERE l."runId" = $1), 0)
           + COALESCE((SELECT sum(pg_column_size(p.*)) FROM "RunPage" p WHERE p."runId" = $1), 0)
           + COALESCE((SELECT sum(pg_column_size(s.*)) FROM "PageSet" s
                       WHERE s."teamId" = $2 AND s."createdAt" >= $3::timestamp), 0)
           + COALESCE((SELECT sum(pg_column_size(e.*)) FROM "PageSetEntry" e
                       JOIN "PageSet" s ON s.id = e."setId"
                       WHERE s."teamId" = $2 AND s."createdAt" >= $3::timestamp), 0)
           + COALESCE((SELECT sum(pg_column_size(pc.*)) FROM "PageContent" pc
                       WHERE pc."teamId" = $2 AND pc."createdAt" >= $3::timestamp), 0) AS n`,
        [runId, teamId, since],
      );
      return Number(rows[0]?.n ?? 0);
    };
    const once = async () => {
      const run = await db.run.create({
        data: { teamId, siteId: site.id, source: "manual", status: "running" },
      });
      const pages = await crawl(fetcher, site, { concurrency: 8 });
      await c.query("CHECKPOINT");
      const before = await growth(c);
      const { rows: now } = await c.query<{ t: string }>(
        `SELECT (now() AT TIME ZONE 'UTC')::text AS t`,
      );
      const result = await recordRunResults({ runId: run.id, teamId, siteId: site.id, pages });
      if (!result.committed) throw new Error("crawl not recorded");
      const after = await growth(c);
      const textBytes = pages.reduce((n, p) => n + Buffer.byteLength(p.text ?? ""), 0);
      const byTable = delta(after, before);
      return {
        bytes: total(after) - total(before),
        rowBytes: await rowBytes(run.id, now[0]?.t ?? ""),
        byTable,
        pages: pages.length,
        textBytes,
      };
    };
    const first = await once();
    // Tables grow in 8 kB pages: one unchanged crawl often fits in free space already allocated,
    // so the unchanged crawl is repeated and the growth averaged.
    const repeats = Math.max(1, Number(process.env.HISTORY_BENCH_UNCHANGED_CRAWLS ?? 10));
    const seconds = [];
    for (let i = 0; i < repeats; i++) seconds.push(await once());
    const second = seconds[0] ?? first;
    const secondBytes = Math.round(seconds.reduce((n, x) => n + x.bytes, 0) / repeats);
    const byTable: Record<string, number> = {};
    for (const x of seconds)
      for (const [t, n] of Object.entries(x.byTable)) byTable[t] = (byTable[t] ?? 0) + n / repeats;
    return {
      pages: first.pages,
      textBytesPerPage: Math.round(first.textBytes / first.pages),
      firstCrawlBytes: first.bytes,
      secondCrawlBytes: secondBytes,
      secondOverFirst: Math.round((secondBytes / first.bytes) * 1000) / 1000,
      firstByTable: first.byTable,
      secondByTable: Object.fromEntries(
        Object.entries(byTable).map(([t, n]) => [t, Math.round(n)]),
      ),
      firstCrawlRowBytes: first.rowBytes,
      secondCrawlRowBytes: second.rowBytes,
      unchangedCrawls: repeats,
    } satisfies StorageFigures;
  } finally {
    await server.close();
  }
}

/** Grows the history to `stage` (from `from`): bulk INSERT … SELECT with indexes rebuilt after. */
async function seedStage(c: pg.Client, teamId: string, from: Stage, stage: Stage) {
  const t0 = performance.now();
  const perRun = Math.max(0, Number(process.env.HISTORY_BENCH_PAGES_PER_RUN ?? 5));
  const { rows: idx } = await c.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes
     WHERE tablename IN ('Run', 'RunPage', 'PageSetEntry') AND indexname NOT LIKE '%_pkey'`,
  );
  await c.query("SET session_replication_role = replica"); // no FK triggers during the load
  for (const i of idx) await c.query(`DROP INDEX "${i.name}"`);
  const runs = (
    team: string,
    site: string,
    g0: number,
    g1: number,
    prefix: string,
    pages = { setId: "NULL", durations: "'{}'::int[]" },
  ) =>
    c.query(
      `INSERT INTO "Run" (id, "teamId", "siteId", status, source, "pagesPlanned", "pagesDone",
         "pagesChanged", "pagesUnchanged", "queuedAt", "startedAt", "finishedAt", "createdAt",
         "updatedAt", "pageSetId", "pageDurationsMs")
       SELECT '${prefix}' || lpad(g::text, 8, '0'), ${team}, ${site},
         (CASE WHEN g % 10 = 0 THEN 'failed' WHEN g % 10 = 1 THEN 'succeeded_with_errors'
               ELSE 'succeeded' END)::"RunStatus",
         (CASE WHEN g % 4 = 0 THEN 'ci' ELSE 'schedule' END)::"RunSource",
         ${perRun}, ${perRun}, g % 3, ${perRun} - g % 3,
         ts, ts, ts + interval '20 seconds', ts, ts, ${pages.setId}, ${pages.durations}
       FROM generate_series($1::bigint, $2::bigint) g,
         LATERAL (SELECT (now() AT TIME ZONE 'UTC') - g * interval '30 seconds' AS ts) t`,
      [g0, g1],
    );
  if (stage.teamRuns > from.teamRuns) {
    if (perRun > 0) {
      // Content per (site, page, version): a page's text changes every 1,000 runs. What a crawl
      // found is one page set per (site, version), as recordRunResults stores it; only the first
      // run of each site in a new version has page rows (its pages changed).
      const versions = [from.teamRuns + 1, stage.teamRuns];
      await c.query(
        `INSERT INTO "PageContent" (id, "teamId", hash, text)
         SELECT 'hc_' || s || '_' || p || '_' || v, $1, md5(s || '_' || p || '_' || v),
           repeat('Lorem ipsum dolor sit amet, consectetur adipiscing elit. ', 40) || s || p || v
         FROM generate_series(1, ${SITES}) s, generate_series(1, ${perRun}) p,
           generate_series($2::int / 1000, $3::int / 1000) v
         ON CONFLICT DO NOTHING`,
        [teamId, ...versions],
      );
      await c.query(
        `INSERT INTO "PageSet" (id, "teamId", hash, "pageCount")
         SELECT 'hs_' || s || '_' || v, $1, md5('set_' || s || '_' || v), ${perRun}
         FROM generate_series(1, ${SITES}) s, generate_series($2::int / 1000, $3::int / 1000) v
         ON CONFLICT DO NOTHING`,
        [teamId, ...versions],
      );
      await c.query(
        `INSERT INTO "PageSetEntry" ("setId", position, url, depth, "httpStatus", "contentType",
           title, "textHash", "contentId")
         SELECT 'hs_' || s || '_' || v, p - 1, 'https://site' || s || '.example/' || p, 1, 200,
           'text/html', 'Page ' || p, md5(s || '_' || p || '_' || v), 'hc_' || s || '_' || p || '_' || v
         FROM generate_series(1, ${SITES}) s, generate_series(1, ${perRun}) p,
           generate_series($1::int / 1000, $2::int / 1000) v
         ON CONFLICT DO NOTHING`,
        versions,
      );
      await runs(
        `'${teamId}'`,
        `'hsite' || (1 + g % ${SITES})`,
        from.teamRuns + 1,
        stage.teamRuns,
        "hrun",
        {
          setId: `'hs_' || (1 + g % ${SITES}) || '_' || g / 1000`,
          durations: `array_fill(40, ARRAY[${perRun}])`,
        },
      );
      await c.query(
        `INSERT INTO "RunPage" (id, "runId", "teamId", url, change, "previousStatus", diff,
           "createdAt")
         SELECT 'hp_' || g || '_' || p, 'hrun' || lpad(g::text, 8, '0'), $1,
           'https://site' || (1 + g % ${SITES}) || '.example/' || p, 'changed', 200,
           '-' || (g / 1000 - 1) || E'\n+' || (g / 1000), now() AT TIME ZONE 'UTC'
         FROM generate_series($2::bigint, $3::bigint) g, generate_series(1, ${perRun}) p
         WHERE g % 1000 < ${SITES} AND g >= 1000`,
        [teamId, ...versions],
      );
    } else
      await runs(
        `'${teamId}'`,
        `'hsite' || (1 + g % ${SITES})`,
        from.teamRuns + 1,
        stage.teamRuns,
        "hrun",
      );
  }
  const otherFrom = from.totalRuns - from.teamRuns;
  const otherTo = stage.totalRuns - stage.teamRuns;
  if (otherTo > otherFrom)
    await runs(
      `'hteam' || (1 + g % ${OTHER_TEAMS})`,
      `'hosite' || (1 + g % ${OTHER_TEAMS})`,
      otherFrom + 1,
      otherTo,
      "horun",
    );
  await c.query("SET session_replication_role = DEFAULT");
  await c.query("SET maintenance_work_mem = '512MB'");
  for (const i of idx) await c.query(i.def);
  await c.query('VACUUM ANALYZE "Run", "RunPage", "PageSet", "PageSetEntry", "PageContent"');
  return Math.round((performance.now() - t0) / 100) / 10;
}

async function explainHot(c: pg.Client, teamId: string, cursor: { at: Date; id: string }) {
  const at = cursor.at.toISOString();
  const queries: [string, string][] = [
    [
      "run list, first page (/runs, GET /agent/runs, GET /api/v1/runs)",
      `SELECT r.id FROM "Run" r JOIN "Site" s ON s.id = r."siteId" WHERE r."teamId" = '${teamId}'
       ORDER BY r."createdAt" DESC, r.id DESC LIMIT 21`,
    ],
    [
      "run list, deep keyset page",
      `SELECT r.id FROM "Run" r JOIN "Site" s ON s.id = r."siteId" WHERE r."teamId" = '${teamId}'
       AND (r."createdAt", r.id) < ('${at}'::timestamptz AT TIME ZONE 'UTC', '${cursor.id}')
       ORDER BY r."createdAt" DESC, r.id DESC LIMIT 21`,
    ],
    [
      "run list filtered by status",
      `SELECT r.id FROM "Run" r WHERE r."teamId" = '${teamId}' AND r.status = 'failed'
       ORDER BY r."createdAt" DESC, r.id DESC LIMIT 21`,
    ],
    [
      "run list filtered by source",
      `SELECT r.id FROM "Run" r WHERE r."teamId" = '${teamId}' AND r.source = 'ci'
       ORDER BY r."createdAt" DESC, r.id DESC LIMIT 21`,
    ],
    [
      "site page run list",
      `SELECT r.id FROM "Run" r WHERE r."teamId" = '${teamId}' AND r."siteId" = 'hsite1'
       ORDER BY r."createdAt" DESC, r.id DESC LIMIT 21`,
    ],
    [
      'capped total ("1,000+ runs")',
      `SELECT count(*) FROM (SELECT id FROM "Run" WHERE "teamId" = '${teamId}' LIMIT 1001) t`,
    ],
    [
      "baseline of the next run (latest successful run of a site)",
      `SELECT id FROM "Run" WHERE "teamId" = '${teamId}' AND "siteId" = 'hsite1'
       AND status IN ('succeeded', 'succeeded_with_errors') ORDER BY "finishedAt" DESC, id DESC LIMIT 1`,
    ],
    [
      "retention: is a page set still used by a kept run (per set of a pruned batch)",
      `SELECT 1 FROM "Run" k WHERE k."pageSetId" = 'hs_1_500' AND k."snapshotsPrunedAt" IS NULL
       LIMIT 1`,
    ],
    [
      "retention: does a kept run's set name this content",
      `SELECT 1 FROM "PageSetEntry" o JOIN "Run" k ON k."pageSetId" = o."setId"
       WHERE o."contentId" = 'hc_1_1_500' AND k."snapshotsPrunedAt" IS NULL LIMIT 1`,
    ],
    [
      "retention batch (runs past 30 days, oldest first)",
      `SELECT id FROM "Run" WHERE "teamId" = '${teamId}' AND "snapshotsPrunedAt" IS NULL
       AND "createdAt" < now() - interval '30 days' ORDER BY "createdAt", id LIMIT 20`,
    ],
  ];
  for (const [title, q] of queries) {
    const { rows } = await c.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, COSTS OFF, TIMING ON, SUMMARY ON) ${q}`,
    );
    console.log(`\n-- ${title}\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
  }
}

/** Part 1 alone (HISTORY_BENCH_STAGES=none): no build, no server, a team made directly. */
async function storageOnly(): Promise<HistoryBenchResult> {
  const database = await createTestDatabase("signaldiff_history_bench");
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    APP_URL: "http://127.0.0.1:3000",
    AUTH_SECRET: "bench-history-secret-not-for-production-0123456789",
    LOG_LEVEL: "silent",
  });
  const c = new pg.Client({ connectionString: database.url });
  await c.connect();
  try {
    const { makeTeam } = await import("@/test/fixtures");
    const { team } = await makeTeam("History bench");
    const storage = {
      tree: await storageBench(c, team.id, "tree"),
      docs: await storageBench(c, team.id, "docs"),
    };
    console.log(JSON.stringify({ storage }));
    return { storage, stages: [], ratios: [] };
  } finally {
    await c.end();
    const { closePgPool } = await import("@/lib/pg-pool");
    await closePgPool().catch(() => undefined);
    await database.drop();
  }
}

async function runHistoryBenchInProcess(): Promise<HistoryBenchResult> {
  if (stages().length === 0) return storageOnly();
  ensureBuild();
  const database = await createTestDatabase("signaldiff_history_bench");
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const authSecret = "bench-history-secret-not-for-production-0123456789";
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    APP_URL: appUrl,
    AUTH_SECRET: authSecret,
    LOG_LEVEL: "silent",
  });
  const c = new pg.Client({ connectionString: database.url });
  await c.connect();
  let app: ChildProcess | undefined;
  try {
    app = spawn(process.execPath, ["dist/server.mjs"], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        AUTH_DEV_LOGIN: "1",
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    });
    await waitFor(`${appUrl}/.well-known/jwks.json`, app);
    const email = "history-bench@example.com";
    const cookie = await signIn(appUrl, email);
    const { rows } = await c.query<{ teamId: string; userId: string }>(
      `SELECT m."teamId", m."userId" FROM "Membership" m JOIN "User" u ON u.id = m."userId"
       WHERE u.email = $1 LIMIT 1`,
      [email],
    );
    const { teamId, userId } = rows[0] ?? { teamId: "", userId: "" };

    // Credentials for the two run APIs, made by the product's own code.
    const { db } = await import("@/lib/db");
    const { createKeyForSubscription } = await import("@/lib/credentials/ci-keys/create-key");
    const { createApiClient } = await import("@/lib/credentials/api-clients/manage-clients");
    const sub = await db.subscription.create({
      data: {
        teamId,
        stripeSubscriptionId: "sub_history_bench",
        stripeCustomerId: "cus_history_bench",
        status: "active",
        currentPeriodStart: new Date(),
        currentPeriodEnd: new Date(Date.now() + 30 * 86_400_000),
      },
    });
    const key = await createKeyForSubscription(teamId, sub.id, { userId, label: "bench" });
    if (!key.created) throw new Error("no CI key");
    const client = await createApiClient({
      teamId,
      label: "bench",
      scopes: ["full"],
      expiresAt: null,
      actor: { userId, label: "bench" },
    });
    const tokenRes = await fetch(`${appUrl}/api/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }).toString(),
    });
    const { access_token: token } = (await tokenRes.json()) as { access_token: string };

    // HISTORY_BENCH_STORAGE=0 skips part 1 (its figures are then zero).
    const skip = { pages: 0, textBytesPerPage: 0, firstCrawlBytes: 0, secondCrawlBytes: 0 };
    const skipped: StorageFigures = {
      ...skip,
      secondOverFirst: 0,
      firstByTable: {},
      secondByTable: {},
      firstCrawlRowBytes: 0,
      secondCrawlRowBytes: 0,
      unchangedCrawls: 0,
    };
    const storage =
      process.env.HISTORY_BENCH_STORAGE === "0"
        ? { tree: skipped, docs: skipped }
        : {
            tree: await storageBench(c, teamId, "tree"),
            docs: await storageBench(c, teamId, "docs"),
          };
    console.log(JSON.stringify({ storage }));

    await c.query(
      `INSERT INTO "Site" (id, "teamId", name, "startUrl", "updatedAt")
       SELECT 'hsite' || g, $1, 'History site ' || g, 'https://site' || g || '.example/', now()
       FROM generate_series(1, ${SITES}) g`,
      [teamId],
    );
    await c.query(
      `INSERT INTO "Team" (id, name, slug, "updatedAt")
       SELECT 'hteam' || g, 'Other ' || g, 'history-other-' || g, now()
       FROM generate_series(1, ${OTHER_TEAMS}) g`,
    );
    await c.query(
      `INSERT INTO "Site" (id, "teamId", name, "startUrl", "updatedAt")
       SELECT 'hosite' || g, 'hteam' || g, 'Other site ' || g, 'https://other' || g || '.example/', now()
       FROM generate_series(1, ${OTHER_TEAMS}) g`,
    );

    const results: StageResult[] = [];
    let from: Stage = { teamRuns: 0, totalRuns: 0 };
    // Warm the server's code paths once (every page rendered a few times) so the first stage is
    // not measured against a cold server: a first run measured /runs at 268 ms at 10,000 runs and
    // 55 ms at 10,000,000 for that reason (and a shared machine's load).
    for (const p of ["/runs", "/sites/hsite1", "/dashboard"])
      await time(appUrl, cookie, p).catch(() => undefined);
    for (const stage of stages()) {
      const seedSeconds = await seedStage(c, teamId, from, stage);
      from = stage;
      const deep = await deepCursor(database.url, Math.floor(stage.teamRuns * 0.8), teamId);
      const bearer = { authorization: `Bearer ${token}` };
      const ci = { "x-ci-api-key": key.secret };
      const timings: PageTiming[] = [];
      for (const [p, headers, withCookie] of [
        ["/runs", {}, true],
        [`/runs?after=${deep}`, {}, true],
        ["/sites/hsite1", {}, true],
        ["/dashboard", {}, true],
        ["/agent/runs?limit=20", ci, false],
        [`/agent/runs?limit=20&cursor=${deep}`, ci, false],
        ["/api/v1/runs?limit=20", bearer, false],
        [`/api/v1/runs?limit=20&cursor=${deep}`, bearer, false],
      ] as const)
        timings.push(await time(appUrl, withCookie ? cookie : "", p, headers));
      const tables = await tableSizes(c);
      const result = { ...stage, seedSeconds, loadAverage: loadavg()[0], timings, tables };
      console.log(JSON.stringify(result));
      results.push(result);
    }
    const last = await c.query<{ id: string; at: Date }>(
      `SELECT id, "createdAt" AT TIME ZONE 'UTC' AS at FROM "Run" WHERE "teamId" = $1
       ORDER BY "createdAt" DESC, id DESC OFFSET $2 LIMIT 1`,
      [teamId, Math.floor((results.at(-1)?.teamRuns ?? 0) * 0.8)],
    );
    const row = last.rows[0];
    if (row) await explainHot(c, teamId, row);

    const label = (p: string) => p.replace(/(after|cursor)=[^&]+/, "$1=<deep>");
    const ratios = (results[0]?.timings ?? []).map((t, i) => {
      const medians = results.map((r) => r.timings[i]?.medianMs ?? 0);
      return {
        path: label(t.path),
        medianMs: medians,
        ratioToFirst: medians.map((m) => Math.round((m / (medians[0] || 1)) * 100) / 100),
        under100: results.every((r) => (r.timings[i]?.medianMs ?? Infinity) < TARGET_MS),
      };
    });
    console.log("\nmedian server ms per stage (team runs / total runs):");
    console.log(
      ["path", ...results.map((r) => `${r.teamRuns}/${r.totalRuns}`)].join(" | ") + " | ratios",
    );
    for (const r of ratios)
      console.log([r.path, ...r.medianMs, r.ratioToFirst.join(" : ")].join(" | "));
    return { storage, stages: results, ratios };
  } finally {
    app?.kill("SIGTERM");
    if (app && app.exitCode === null) await new Promise((resolve) => app?.once("exit", resolve));
    await c.end();
    await database.drop();
  }
}

export function runHistoryBench(): Promise<HistoryBenchResult> {
  return runInChild<HistoryBenchResult>(fileURLToPath(import.meta.url), "history-bench");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runHistoryBenchInProcess().then(
    (result) => {
      const out = process.env.BENCH_RESULT_FILE;
      if (out) writeFileSync(out, JSON.stringify(result));
      else console.log(JSON.stringify(result, null, 2));
      process.exit(0);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
