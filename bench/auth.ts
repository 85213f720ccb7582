// Auth benchmark (issues 5, 6 and 10) — not a timed test. Creates a fresh database, starts the
// built app as production runs it (dist/server.mjs: the machine app before Next's router), the same
// build through `next start` (route files delegating to the same app, for comparison) and, side
// by side, a minimal `http` + `pg` floor server doing the same hash +
// indexed lookup (bench/floor-server.ts), then measures with autocannon:
//   POST /api/trigger/ci on the 401 path (a well-formed, unknown key),
//   GET /agent/runs?limit=1 with an active CI key,
//   POST /api/oauth/token (client credentials in a form body),
//   GET /api/v1/sites?limit=1 with a bearer token,
// each at full speed (requests/s, p50, p99) and at a fixed, evenly paced 200 requests/s (p99), and
// reports the ratio to the floor. The three servers are measured in alternating slices (ROUNDS per
// measurement, rotating who goes first) so that a shared machine's changing load falls on all of
// them alike, and each server's own CPU time per request is read from /proc (a figure the load
// of other processes disturbs much less than requests/s). It also times bearer JWT verification
// in-process (target < 0.2 ms).
//
// Run: `tsx bench/auth.ts`, or `runAuthBench()` from `npm run bench` (runs it in a child process).
// Builds first when .next is missing, lacks these routes or is older than the sources.
// BENCH_DURATION = seconds per measurement (default 8). Needs the local PostgreSQL.
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { KeyObject, verify as cryptoVerify, type webcrypto } from "node:crypto";
import http from "node:http";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon, { type Result } from "autocannon";
import { createTestDatabase } from "../scripts/test-db";
import { cpuMs, ensureBuild, freePort, ROOT, runInChild, waitFor } from "./server-support";

const ROUTES = [
  "/api/trigger/ci/route",
  "/agent/runs/route",
  "/api/oauth/token/route",
  "/api/v1/sites/route",
];

type Target = {
  name: string;
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
  expect: number;
};

type Numbers = {
  rps: number;
  p50: number;
  p99: number;
  p99At200: number;
  /** The server process's own CPU time (user + system) per request at full speed, ms. */
  cpuMsPerRequest: number;
};

export type AuthBenchRow = {
  endpoint: string;
  app: Numbers;
  /** The same build through `next start` (route files delegating to the same machine app). */
  nextStart: Numbers;
  floor: Numbers;
  ratio: number;
};

export type AuthBenchResult = {
  rows: AuthBenchRow[];
  /**
   * A route with no auth and no database work (GET /.well-known/jwks.json): what the web server
   * itself allows on this machine (answered by the machine app in dist/server.mjs; through
   * Next.js's router it reached ~680 req/s).
   */
  nextCeiling: { rps: number; p50: number; p99: number };
  jwtVerify: {
    meanMs: number;
    p50Ms: number;
    p99Ms: number;
    rawSignatureMs: number;
    iterations: number;
  };
};

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
/** Each measurement is split into this many slices, alternating between the servers. */
const ROUNDS = 4;

async function measure(base: string, t: Target, duration = DURATION): Promise<Result> {
  return autocannon({
    url: `${base}${t.path}`,
    method: t.method,
    headers: t.headers,
    body: t.body,
    connections: 10,
    duration,
  });
}

/**
 * Latencies at a fixed rate, paced evenly: one request every 1000/rate ms on keep-alive
 * connections (open loop), each latency counted from its scheduled start, so a slow answer that
 * delays later requests is charged to them too. (autocannon's overallRate instead lets each
 * connection fire its share of the second back to back at the start of every second — a burst at
 * full speed — so its p99 "at 200/s" measures queueing in that burst, not latency at 200/s.)
 */
async function measurePaced(base: string, t: Target, rate: number, duration: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
  const url = new URL(`${base}${t.path}`);
  const total = Math.round(rate * duration);
  const interval = 1000 / rate;
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  const one = (scheduled: number) =>
    new Promise<void>((resolve) => {
      const req = http.request(url, { method: t.method, headers: t.headers, agent }, (res) => {
        res.resume();
        res.on("end", () => {
          latencies.push(performance.now() - scheduled);
          statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
          resolve();
        });
      });
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(t.body);
    });
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const scheduled = start + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(one(scheduled));
  }
  await Promise.all(pending);
  agent.destroy();
  return { latencies, statuses, errors };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

async function check(base: string, t: Target) {
  const res = await fetch(`${base}${t.path}`, {
    method: t.method,
    headers: t.headers,
    body: t.body,
  });
  if (res.status !== t.expect) {
    throw new Error(
      `${t.name} at ${base} answered ${res.status}, expected ${t.expect}: ${await res.text()}`,
    );
  }
}

type Server = { base: string; pid: number; target: Target };

/**
 * Measures the same endpoint on every server in alternating slices: full speed for DURATION s in
 * all, then evenly paced at 200/s for DURATION s in all. Requests/s is each server's total over
 * its slices; p50/p99 at full speed are the median of its slices' values; p99 at 200/s is over
 * all its paced requests.
 */
async function runInterleaved(servers: Server[]): Promise<Numbers[]> {
  for (const { base, target } of servers) {
    await check(base, target);
    await measure(base, target, 2);
  }
  const acc = servers.map(() => ({
    requests: 0,
    seconds: 0,
    cpu: 0,
    p50s: [] as number[],
    p99s: [] as number[],
    paced: [] as number[],
    unexpected: [] as string[],
    errors: 0,
  }));
  const order = (round: number) => servers.map((_, i) => (i + round) % servers.length);
  for (let round = 0; round < ROUNDS; round++) {
    for (const i of order(round)) {
      const { base, pid, target } = servers[i] as Server;
      const a = acc[i] as (typeof acc)[number];
      const before = cpuMs(pid);
      const max = await measure(base, target, DURATION / ROUNDS);
      a.cpu += cpuMs(pid) - before;
      a.requests += max.requests.total;
      a.seconds += max.duration;
      a.p50s.push(max.latency.p50);
      a.p99s.push(max.latency.p99);
      a.errors += max.errors;
      for (const code of Object.keys(max.statusCodeStats))
        if (Number(code) !== target.expect) a.unexpected.push(code);
    }
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const i of order(round)) {
      const { base, target } = servers[i] as Server;
      const a = acc[i] as (typeof acc)[number];
      const fixed = await measurePaced(base, target, 200, DURATION / ROUNDS);
      a.paced.push(...fixed.latencies);
      a.errors += fixed.errors;
      for (const code of Object.keys(fixed.statuses))
        if (Number(code) !== target.expect) a.unexpected.push(code);
    }
  }
  return acc.map((a, i) => {
    const { base, target } = servers[i] as Server;
    if (a.unexpected.length || a.errors) {
      console.warn(
        `  ${target.name} @ ${base}: unexpected answers ${[...new Set(a.unexpected)].join(", ")}, errors ${a.errors}`,
      );
    }
    return {
      rps: a.requests / a.seconds,
      p50: median(a.p50s),
      p99: median(a.p99s),
      p99At200: percentile(
        a.paced.sort((x, y) => x - y),
        0.99,
      ),
      cpuMsPerRequest: a.cpu / a.requests,
    };
  });
}

/** The floor server in its own process (bench/floor-server.ts), and its URL and token. */
async function startFloor(databaseUrl: string, teamId: string) {
  // `node --import tsx`, not the tsx CLI (which runs the file in a second process): this pid is
  // the server's own, for its CPU time.
  const child = spawn(process.execPath, ["--import", "tsx", "bench/floor-server.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, DATABASE_URL: databaseUrl, FLOOR_TEAM_ID: teamId },
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const end = out.indexOf("\n");
      if (end !== -1) resolve(out.slice(0, end));
    });
    child.once("exit", (code) => reject(new Error(`the floor server exited with ${code}`)));
  });
  const { url, token } = JSON.parse(line) as { url: string; token: string };
  return { child, url, token };
}

async function runAuthBenchInProcess(): Promise<AuthBenchResult> {
  ensureBuild(ROUTES);
  const database = await createTestDatabase("signaldiff_bench");
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const nextPort = await freePort();
  const nextUrl = `http://127.0.0.1:${nextPort}`;
  const authSecret = "bench-auth-secret-not-for-production-0123456789";
  // This process writes the fixtures with the same lib/ code, so it shares the app's settings.
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    APP_URL: appUrl,
    AUTH_SECRET: authSecret,
    LOG_LEVEL: "silent",
  });
  let app: ChildProcess | undefined;
  let nextStart: ChildProcess | undefined;
  let floor: Awaited<ReturnType<typeof startFloor>> | undefined;
  try {
    const { createTeam } = await import("@/lib/teams/create-team");
    const { createKeyForSubscription } = await import("@/lib/credentials/ci-keys/create-key");
    const { createApiClient } = await import("@/lib/credentials/api-clients/manage-clients");
    const { formatKey, randomBody } = await import("@/lib/credentials/material/key-material");
    const { db } = await import("@/lib/db");
    const { admitRun } = await import("@/lib/runs/admit-run");
    const { createSite } = await import("@/lib/sites/sites");

    const user = await db.user.create({ data: { email: "bench@example.com", name: "Bench" } });
    const team = await createTeam({ name: "Bench", userId: user.id });
    const sub = await db.subscription.create({
      data: {
        teamId: team.id,
        stripeSubscriptionId: "sub_bench",
        stripeCustomerId: "cus_bench",
        status: "active",
        currentPeriodStart: new Date(),
        currentPeriodEnd: new Date(Date.now() + 30 * 86_400_000),
      },
    });
    const key = await createKeyForSubscription(team.id, sub.id, {
      userId: user.id,
      label: "bench",
    });
    if (!key.created) throw new Error("no key");
    const site = await createSite(team.id, { name: "Bench site", startUrl: "http://127.0.0.1:9/" });
    if (!site.ok) throw new Error("no site");
    await admitRun({ teamId: team.id, siteId: site.site.id, source: "manual" });
    const client = await createApiClient({
      teamId: team.id,
      label: "bench",
      scopes: ["full"],
      expiresAt: null,
      actor: { userId: user.id, label: "bench" },
    });

    const serverEnv: NodeJS.ProcessEnv = {
      ...process.env,
      HOSTNAME: "127.0.0.1",
      NODE_ENV: "production" as const,
      NEXT_TELEMETRY_DISABLED: "1",
      // The token endpoint's per-client and per-IP limits would answer 429 within a second of
      // load; lift them so the benchmark measures issuing (the limiter's writes still happen).
      OAUTH_TOKEN_RATE_LIMIT_PER_CLIENT: "1000000000",
      OAUTH_TOKEN_RATE_LIMIT_PER_IP: "1000000000",
    };
    // The compiled production server (dist/server.mjs), as `npm start` runs it.
    const server = spawn(process.execPath, ["dist/server.mjs"], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...serverEnv, PORT: String(port) },
    });
    app = server;
    await waitFor(`${appUrl}/.well-known/jwks.json`, server);
    // The same build through `next start`, for the figure beside it.
    const viaNext = spawn(
      path.join(ROOT, "node_modules/.bin/next"),
      ["start", "-p", String(nextPort), "-H", "127.0.0.1"],
      { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], env: serverEnv },
    );
    nextStart = viaNext;
    await waitFor(`${nextUrl}/.well-known/jwks.json`, viaNext);
    floor = await startFloor(database.url, team.id);

    const tokenBody = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: client.clientId,
      client_secret: client.clientSecret,
    }).toString();
    const tokenRes = await fetch(`${appUrl}/api/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: tokenBody,
    });
    const { access_token: accessToken } = (await tokenRes.json()) as { access_token: string };

    const unknownKey = formatKey("ci", randomBody());
    const targets = (bearer: string): Target[] => [
      {
        name: "POST /api/trigger/ci (401, unknown key)",
        method: "POST",
        path: "/api/trigger/ci",
        headers: { "x-ci-api-key": unknownKey, "content-type": "application/json" },
        body: JSON.stringify({ site_id: site.site.id }),
        expect: 401,
      },
      {
        name: "GET /agent/runs?limit=1 (CI key)",
        method: "GET",
        path: "/agent/runs?limit=1",
        headers: { "x-ci-api-key": key.secret },
        expect: 200,
      },
      {
        name: "POST /api/oauth/token",
        method: "POST",
        path: "/api/oauth/token",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: tokenBody,
        expect: 200,
      },
      {
        name: "GET /api/v1/sites?limit=1 (bearer)",
        method: "GET",
        path: "/api/v1/sites?limit=1",
        headers: { authorization: `Bearer ${bearer}` },
        expect: 200,
      },
    ];

    const rows: AuthBenchRow[] = [];
    const appTargets = targets(accessToken);
    const floorTargets = targets(floor.token);
    for (let i = 0; i < appTargets.length; i++) {
      const a = appTargets[i] as Target;
      console.log(`Measuring ${a.name}…`);
      const [appNumbers, nextNumbers, floorNumbers] = (await runInterleaved([
        { base: appUrl, pid: server.pid ?? 0, target: a },
        { base: nextUrl, pid: viaNext.pid ?? 0, target: a },
        { base: floor.url, pid: floor.child.pid ?? 0, target: floorTargets[i] as Target },
      ])) as [Numbers, Numbers, Numbers];
      rows.push({
        endpoint: a.name,
        app: appNumbers,
        nextStart: nextNumbers,
        floor: floorNumbers,
        ratio: appNumbers.rps / floorNumbers.rps,
      });
    }

    console.log("Measuring GET /.well-known/jwks.json (server ceiling)…");
    const ceiling = await measure(appUrl, {
      name: "jwks",
      method: "GET",
      path: "/.well-known/jwks.json",
      headers: {},
      expect: 200,
    });
    const nextCeiling = {
      rps: ceiling.requests.average,
      p50: ceiling.latency.p50,
      p99: ceiling.latency.p99,
    };
    const jwtVerify = await benchJwtVerify(accessToken);
    const result = { rows, nextCeiling, jwtVerify };
    printTable(result);
    return result;
  } finally {
    for (const child of [app, nextStart, floor?.child]) {
      if (!child || child.exitCode !== null) continue;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(10_000)]);
    }
    const { db } = await import("@/lib/db");
    await db.$disconnect();
    await sleep(500);
    await database.drop();
  }
}

/** Per-request cost of verifying a bearer token in this process (keys and revocations in memory). */
async function benchJwtVerify(token: string) {
  const { verifyAccessToken } = await import("@/lib/credentials/oauth/tokens");
  for (let i = 0; i < 500; i++) {
    const r = await verifyAccessToken(token);
    if (!r.ok) throw new Error(`token did not verify: ${r.reason}`);
  }
  const iterations = 5000;
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await verifyAccessToken(token);
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  const meanMs = times.reduce((s, x) => s + x, 0) / iterations;
  // Calibration: one bare Ed25519 signature check of the same token with node:crypto, so a busy
  // machine's numbers can be read as "verification costs N× the signature check itself".
  const [header, payload, signature] = token.split(".") as [string, string, string];
  const { importJWK, decodeProtectedHeader } = await import("jose");
  const { publicJwks } = await import("@/lib/credentials/oauth/signing-keys");
  const kid = decodeProtectedHeader(token).kid;
  const jwk = (await publicJwks()).keys.find((k) => k.kid === kid);
  if (!jwk) throw new Error("signing key not found");
  const keyObject = KeyObject.from((await importJWK(jwk, "EdDSA")) as webcrypto.CryptoKey);
  const signed = Buffer.from(`${header}.${payload}`);
  const sig = Buffer.from(signature, "base64url");
  const rawStart = performance.now();
  for (let i = 0; i < iterations; i++) cryptoVerify(null, signed, keyObject, sig);
  const rawSignatureMs = (performance.now() - rawStart) / iterations;
  return {
    meanMs,
    rawSignatureMs,
    p50Ms: times[Math.floor(iterations / 2)] ?? 0,
    p99Ms: times[Math.floor(iterations * 0.99)] ?? 0,
    iterations,
  };
}

function printTable({ rows, nextCeiling, jwtVerify }: AuthBenchResult) {
  const f = (n: number, d = 1) => n.toFixed(d);
  console.log(
    `\nMachine: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" / ")} (1/5/15 min) — numbers on a busy machine are noisy.`,
  );
  console.log(
    `\nAuth benchmark (10 connections; latency in ms; @200/s = evenly paced; CPU = the server process's own CPU ms per request; floor = http + pg, same hash + lookup; servers measured in ${ROUNDS} alternating slices)`,
  );
  console.log(
    "| endpoint | app req/s | app p50 | app p99 | app p99 @200/s | app CPU | floor req/s | floor p50 | floor p99 | floor p99 @200/s | floor CPU | app/floor | next start req/s | next start p99 @200/s | next start/floor |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    console.log(
      `| ${r.endpoint} | ${f(r.app.rps, 0)} | ${f(r.app.p50)} | ${f(r.app.p99)} | ${f(r.app.p99At200)} | ${f(r.app.cpuMsPerRequest, 3)} | ${f(r.floor.rps, 0)} | ${f(r.floor.p50)} | ${f(r.floor.p99)} | ${f(r.floor.p99At200)} | ${f(r.floor.cpuMsPerRequest, 3)} | ${f(r.ratio, 2)} | ${f(r.nextStart.rps, 0)} | ${f(r.nextStart.p99At200)} | ${f(r.nextStart.rps / r.floor.rps, 2)} |`,
    );
  }
  console.log(
    `\nServer ceiling (GET /.well-known/jwks.json through dist/server.mjs: no auth, no database): ${f(nextCeiling.rps, 0)} req/s, p50 ${f(nextCeiling.p50)} ms, p99 ${f(nextCeiling.p99)} ms`,
  );
  console.log(
    `Bearer JWT verification (in-process, ${jwtVerify.iterations} calls): mean ${f(jwtVerify.meanMs, 3)} ms, p50 ${f(jwtVerify.p50Ms, 3)} ms, p99 ${f(jwtVerify.p99Ms, 3)} ms (target < 0.2 ms); a bare Ed25519 signature check alone: ${f(jwtVerify.rawSignatureMs, 3)} ms`,
  );
}

export function runAuthBench(): Promise<AuthBenchResult> {
  return runInChild<AuthBenchResult>(fileURLToPath(import.meta.url), "auth-bench");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runAuthBenchInProcess()
    .then((result) => {
      const file = process.env.BENCH_RESULT_FILE;
      if (file) writeFileSync(file, JSON.stringify(result));
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
