// Dashboard pages at scale (issue 10 point 10) — not a timed test. In a throwaway database, signs
// in with the development sign-in, gives that user's team 10,000 CI keys (each with its
// subscription) and 100,000 runs, written with INSERT … SELECT generate_series, then starts the
// production server (dist/server.mjs, as `npm start` runs it) and times GET /developers/api-keys and
// GET /runs (first page and a deep page): median and p95 of sequential requests, measured from
// request to the last byte on loopback, i.e. server time. Target: < 300 ms each.
//
// Run: `tsx bench/pages.ts`, or `runPagesBench()` from `npm run bench` (a child process, so the
// app's settings point at this database). Builds first when .next is missing or older than the
// sources. PAGES_BENCH_SAMPLES = requests per page (default 12, at least 6).
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { encodeCursor } from "../lib/api/pagination";
import { createTestDatabase } from "../scripts/test-db";
import { ensureBuild, freePort, ROOT, runInChild, waitFor } from "./server-support";

const KEYS = 10_000;
const RUNS = 100_000;
const TARGET_MS = 300;

export type PageTiming = {
  path: string;
  status: number;
  samples: number;
  medianMs: number;
  p95Ms: number;
  underTarget: boolean;
};
export type PagesBenchResult = {
  keys: number;
  runs: number;
  targetMs: number;
  pages: PageTiming[];
};

export { signIn, time };

/** Cookies from Set-Cookie headers, merged into a jar (name → value). */
function collect(res: Response, jar: Map<string, string>) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair?.indexOf("=") ?? -1;
    if (pair && eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** The development sign-in over HTTP, as the sign-in page's button does it. */
async function signIn(appUrl: string, email: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrfRes = await fetch(`${appUrl}/api/auth/csrf`);
  collect(csrfRes, jar);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${appUrl}/api/auth/callback/dev`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, callbackUrl: `${appUrl}/dashboard` }),
  });
  collect(res, jar);
  if (![...jar.keys()].some((k) => k.includes("session-token")))
    throw new Error(`dev sign-in failed: HTTP ${res.status}`);
  return cookieHeader(jar);
}

/** 10,000 keys with subscriptions and 100,000 runs for the team, in a handful of statements. */
async function seed(databaseUrl: string, email: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ teamId: string; userId: string }>(
      `SELECT m."teamId", m."userId" FROM "Membership" m JOIN "User" u ON u.id = m."userId"
       WHERE u.email = $1 LIMIT 1`,
      [email],
    );
    const row = rows[0];
    if (!row) throw new Error("signed-in user has no team");
    const { teamId, userId } = row;
    await client.query(
      `INSERT INTO "Site" (id, "teamId", name, "startUrl", "updatedAt")
       SELECT 'bench_site_' || g, $1, 'Bench site ' || g, 'https://site' || g || '.example/', now()
       FROM generate_series(1, 5) g`,
      [teamId],
    );
    await client.query(
      `INSERT INTO "Subscription" (id, "teamId", "stripeSubscriptionId", "stripeCustomerId",
         status, "currentPeriodStart", "currentPeriodEnd", "createdAt", "updatedAt")
       SELECT 'bench_sub_' || g, $1, 'sub_bench_' || g, 'cus_bench', 'active',
         now() - interval '1 day', now() + interval '30 days',
         now() - g * interval '1 minute', now()
       FROM generate_series(1, $2::int) g`,
      [teamId, KEYS],
    );
    await client.query(
      `INSERT INTO "CiApiKey" (id, "teamId", "subscriptionId", label, prefix, "secretHash",
         "createdByUserId", "lastUsedAt", "createdAt", "updatedAt")
       SELECT 'bench_key_' || g, $1, 'bench_sub_' || g, 'Pipeline ' || g,
         'sck_' || substr(md5(g::text), 1, 6), md5('secret' || g) || md5(g::text), $2,
         CASE WHEN g % 3 = 0 THEN NULL ELSE now() - g * interval '1 second' END,
         now() - g * interval '1 minute', now()
       FROM generate_series(1, $3::int) g`,
      [teamId, userId, KEYS],
    );
    await client.query(
      `INSERT INTO "Run" (id, "teamId", "siteId", status, source, "pagesPlanned", "pagesDone",
         "pagesChanged", "pagesUnchanged", "queuedAt", "startedAt", "finishedAt", "createdAt",
         "updatedAt")
       SELECT 'benchrun' || lpad(g::text, 6, '0'), $1, 'bench_site_' || (1 + g % 5),
         (CASE WHEN g % 10 = 0 THEN 'failed' ELSE 'succeeded' END)::"RunStatus",
         (CASE WHEN g % 4 = 0 THEN 'ci' ELSE 'schedule' END)::"RunSource",
         50, 50, g % 7, 50 - g % 7,
         now() - g * interval '1 minute', now() - g * interval '1 minute',
         now() - g * interval '1 minute' + interval '20 seconds',
         now() - g * interval '1 minute', now()
       FROM generate_series(1, $2::int) g`,
      [teamId, RUNS],
    );
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}

async function time(
  appUrl: string,
  cookie: string,
  pathname: string,
  headers: Record<string, string> = {},
): Promise<PageTiming> {
  const samples = Math.max(6, Number(process.env.PAGES_BENCH_SAMPLES ?? 12));
  const once = async () => {
    const t0 = performance.now();
    const res = await fetch(`${appUrl}${pathname}`, {
      headers: { ...(cookie ? { cookie } : {}), ...headers },
      redirect: "manual",
    });
    await res.text();
    return { ms: performance.now() - t0, status: res.status };
  };
  for (let i = 0; i < 2; i++) await once(); // compile caches, connection pool
  const runs: number[] = [];
  let status = 0;
  for (let i = 0; i < samples; i++) {
    const r = await once();
    runs.push(r.ms);
    status = r.status;
  }
  runs.sort((a, b) => a - b);
  const pct = (p: number) => runs[Math.min(runs.length - 1, Math.ceil(runs.length * p) - 1)] ?? 0;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    path: pathname,
    status,
    samples,
    medianMs: round(pct(0.5)),
    p95Ms: round(pct(0.95)),
    underTarget: status === 200 && pct(0.5) < TARGET_MS && pct(0.95) < TARGET_MS,
  };
}

/** The keyset cursor of the team's `offset`-th newest run (what "Next" links carry). */
export async function deepCursor(databaseUrl: string, offset: number, teamId?: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; createdAt: Date }>(
      `SELECT id, "createdAt" AT TIME ZONE 'UTC' AS "createdAt" FROM "Run"
       WHERE ($2::text IS NULL OR "teamId" = $2)
       ORDER BY "createdAt" DESC, id DESC OFFSET $1 LIMIT 1`,
      [offset, teamId ?? null],
    );
    const row = rows[0];
    if (!row) throw new Error("no run at that depth");
    return encodeCursor(row.createdAt, row.id);
  } finally {
    await client.end();
  }
}

async function runPagesBenchInProcess(): Promise<PagesBenchResult> {
  ensureBuild();
  const database = await createTestDatabase("signaldiff_pages_bench");
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  let app: ChildProcess | undefined;
  try {
    app = spawn(process.execPath, ["dist/server.mjs"], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        APP_URL: appUrl,
        AUTH_SECRET: "bench-pages-secret-not-for-production-0123456789",
        AUTH_DEV_LOGIN: "1",
        LOG_LEVEL: "silent",
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    });
    await waitFor(`${appUrl}/.well-known/jwks.json`, app);
    const email = "pages-bench@example.com";
    const cookie = await signIn(appUrl, email);
    await seed(database.url, email);
    // The runs table pages by keyset cursor: the deep page is the one after run 80,000.
    const deep = await deepCursor(database.url, Math.floor(RUNS * 0.8));
    const pages: PageTiming[] = [];
    for (const p of ["/developers/api-keys", "/runs", `/runs?after=${deep}`])
      pages.push(await time(appUrl, cookie, p));
    return { keys: KEYS, runs: RUNS, targetMs: TARGET_MS, pages };
  } finally {
    app?.kill("SIGTERM");
    if (app && app.exitCode === null) await new Promise((resolve) => app?.once("exit", resolve));
    await database.drop();
  }
}

export function runPagesBench(): Promise<PagesBenchResult> {
  return runInChild<PagesBenchResult>(fileURLToPath(import.meta.url), "pages-bench");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runPagesBenchInProcess().then(
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
