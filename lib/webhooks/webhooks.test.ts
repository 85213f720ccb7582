// Webhook deliveries against real PostgreSQL and real local HTTP receivers: Standard Webhooks
// signatures (the spec's vector and the standardwebhooks package), the retry schedule on a
// controllable clock, receivers that are down, slow or redirecting, the SSRF guard, rotation with
// two signatures, auto-revoke, disabling an endpoint that failed for 5 days, and one event through
// a real worker. This file uses its own database, so its worker never takes other files' jobs.
import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/scripts/test-db";
import { startReceiver, type Receiver } from "@/test/webhook-receiver";
import { secretKey, signatureHeader, signMessage } from "./sign";
import { MAX_ATTEMPTS, retryDelayMs } from "./retry-schedule";

let dropDb: () => Promise<void>;
let m: {
  db: typeof import("@/lib/db").db;
  fixtures: typeof import("@/test/fixtures");
  emitEvent: typeof import("./emit-event").emitEvent;
  attemptDelivery: typeof import("./deliver").attemptDelivery;
  createWebhookSender: typeof import("./send").createWebhookSender;
  endpoints: typeof import("./endpoints");
  secrets: typeof import("@/lib/credentials/signing-secret/manage-secret");
  store: typeof import("@/lib/credentials/signing-secret/secret-store");
  startWorker: typeof import("@/lib/worker/start-worker").startWorker;
};

beforeAll(async () => {
  const created = await createTestDatabase("signaldiff_webhooks");
  dropDb = created.drop;
  process.env.DATABASE_URL = created.url;
  process.env.CRAWL_ALLOW_PRIVATE_NETWORKS = "1";
  m = {
    db: (await import("@/lib/db")).db,
    fixtures: await import("@/test/fixtures"),
    emitEvent: (await import("./emit-event")).emitEvent,
    attemptDelivery: (await import("./deliver")).attemptDelivery,
    createWebhookSender: (await import("./send")).createWebhookSender,
    endpoints: await import("./endpoints"),
    secrets: await import("@/lib/credentials/signing-secret/manage-secret"),
    store: await import("@/lib/credentials/signing-secret/secret-store"),
    startWorker: (await import("@/lib/worker/start-worker")).startWorker,
  };
}, 120_000);

afterAll(async () => {
  await m?.db.$disconnect();
  await dropDb?.();
});

/** Item `i`, failing the test when it is missing. */
function at<T>(list: readonly T[], i: number): T {
  const item = list[i];
  if (item === undefined) throw new Error(`expected an item at ${i}`);
  return item;
}

const SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const SPEC_TS = 1614265330;
const SPEC_BODY = '{"test": 2432232314}';
const SPEC_SIG = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

describe("Standard Webhooks signatures", () => {
  it("matches the specification's test vector", () => {
    expect(signMessage(secretKey(SPEC_SECRET), SPEC_ID, SPEC_TS, SPEC_BODY)).toBe(SPEC_SIG);
  });

  it("is verified by the standardwebhooks package, with either of two secrets", () => {
    const a = m.store.generateSigningSecret();
    const b = m.store.generateSigningSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const ts = Math.floor(Date.now() / 1000);
    const header = signatureHeader([secretKey(a), secretKey(b)], "msg_x", ts, '{"a":1}');
    expect(header.split(" ")).toHaveLength(2);
    const headers = {
      "webhook-id": "msg_x",
      "webhook-timestamp": String(ts),
      "webhook-signature": header,
    };
    expect(new Webhook(a).verify('{"a":1}', headers)).toEqual({ a: 1 });
    expect(new Webhook(b).verify('{"a":1}', headers)).toEqual({ a: 1 });
    expect(() => new Webhook(m.store.generateSigningSecret()).verify('{"a":1}', headers)).toThrow();
    expect(() => new Webhook(a).verify('{"a":2}', headers)).toThrow();
  });
});

describe("retry schedule", () => {
  it("waits about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then gives up", () => {
    const mid = () => 0.5;
    const seconds = [1, 2, 3, 4, 5, 6, 7].map((a) => (retryDelayMs(a, mid) ?? 0) / 1000);
    expect(seconds).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(retryDelayMs(8, mid)).toBeNull();
    expect(MAX_ATTEMPTS).toBe(8);
    // Jitter spreads each delay by ±20 %.
    expect(retryDelayMs(2, () => 0)).toBe(240_000);
    expect(retryDelayMs(2, () => 0.999999)).toBeGreaterThan(359_000);
  });
});

async function teamWithEndpoint(url: string, eventTypes = ["run.succeeded"]) {
  const { team, owner } = await m.fixtures.makeTeam("Hooks");
  const endpoint = await m.endpoints.createEndpoint(
    { teamId: team.id, actor: { userId: owner.id, label: "owner" } },
    { url, eventTypes },
  );
  return { team, owner, endpoint };
}

/** Emits, then takes the queued jobs away: these tests drive attempts by hand. */
async function emitByHand(teamId: string, type: "run.succeeded" = "run.succeeded") {
  const res = await m.emitEvent(m.db, { teamId, type, data: { run_id: "r1" } });
  await dropJobs(teamId);
  const deliveries = await m.db.webhookDelivery.findMany({ where: { teamId } });
  return { ...res, deliveries };
}

async function dropJobs(teamId: string) {
  const ids = await m.db.webhookDelivery.findMany({ where: { teamId }, select: { id: true } });
  for (const { id } of ids) {
    await m.db.$queryRaw`SELECT graphile_worker.remove_job(${`webhook:${id}`}::text)::text AS id`;
  }
}

function clock(start = Date.now()) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

function depsFor(c: ReturnType<typeof clock>, timeoutMs = 2000, allowPrivateNetworks = true) {
  return {
    send: m.createWebhookSender({ allowPrivateNetworks, timeoutMs }),
    signingKeys: m.store.signingKeysFor,
    now: c.now,
    random: () => 0.5,
  };
}

describe("delivery attempts", () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  it("fans an event out only to enabled endpoints subscribed to its type", async () => {
    const { team, owner } = await teamWithEndpoint(`${receiver.url}/a`);
    const who = { teamId: team.id, actor: { userId: owner.id, label: "owner" } };
    await m.endpoints.createEndpoint(who, { url: `${receiver.url}/b`, eventTypes: ["run.failed"] });
    const off = await m.endpoints.createEndpoint(who, {
      url: `${receiver.url}/c`,
      eventTypes: ["run.succeeded"],
    });
    await m.endpoints.updateEndpoint(who, off.id, { enabled: false });
    const res = await emitByHand(team.id);
    expect(res.deliveries).toHaveLength(1);
    expect(await m.db.webhookEvent.count({ where: { teamId: team.id } })).toBe(1);
    const none = await m.emitEvent(m.db, { teamId: team.id, type: "ci_key.created", data: {} });
    expect(none).toEqual({ eventId: null, deliveries: 0 });
  });

  it("refuses a payload over 256 KB and writes nothing", async () => {
    const { team } = await teamWithEndpoint(`${receiver.url}/big`);
    const data = { blob: "x".repeat(256 * 1024) };
    await expect(
      m.emitEvent(m.db, { teamId: team.id, type: "run.succeeded", data }),
    ).rejects.toThrow(/256 KB/);
    expect(await m.db.webhookEvent.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("delivers a signed body the standardwebhooks package verifies", async () => {
    const { team, owner } = await teamWithEndpoint(`${receiver.url}/ok`);
    const { deliveries, eventId } = await emitByHand(team.id);
    const c = clock();
    const before = receiver.received.length;
    expect(await m.attemptDelivery(at(deliveries, 0).id, depsFor(c))).toBe("delivered");
    const got = at(receiver.received, before);
    expect(got.headers["webhook-id"]).toBe(eventId);
    const secret = await m.secrets.revealSigningSecret({
      teamId: team.id,
      actor: { userId: owner.id, label: "owner", role: "owner" },
    });
    const event = new Webhook(secret).verify(got.body, got.headers as Record<string, string>);
    expect(event).toMatchObject({ type: "run.succeeded", data: { run_id: "r1" } });
    const row = await m.db.webhookDelivery.findUniqueOrThrow({
      where: { id: at(deliveries, 0).id },
      include: { attemptsLog: true },
    });
    expect(row.status).toBe("delivered");
    expect(row.attemptsLog[0]).toMatchObject({ attempt: 1, statusCode: 200, responseBody: "ok" });
  });

  it("records a hostile answer (NUL bytes, a character cut at 1 KB) instead of failing the job", async () => {
    const hostile = await startReceiver((r) => ({
      status: r.body.includes("r2") ? 200 : 500,
      body: r.body.includes("r2") ? `${"x".repeat(1023)}é` : "a\u0000b",
    }));
    try {
      const { team } = await teamWithEndpoint(`${hostile.url}/nul`);
      const { deliveries } = await emitByHand(team.id);
      expect(await m.attemptDelivery(at(deliveries, 0).id, depsFor(clock()))).toBe("retrying");
      await dropJobs(team.id);
      const first = await m.db.webhookAttempt.findFirstOrThrow({
        where: { deliveryId: at(deliveries, 0).id },
      });
      expect(first).toMatchObject({ statusCode: 500, responseBody: "a\uFFFDb" });
      const cut = await m.emitEvent(m.db, {
        teamId: team.id,
        type: "run.succeeded",
        data: { run_id: "r2" },
      });
      await dropJobs(team.id);
      const d = await m.db.webhookDelivery.findFirstOrThrow({
        where: { eventId: cut.eventId ?? "" },
      });
      expect(await m.attemptDelivery(d.id, depsFor(clock()))).toBe("delivered");
      const a = await m.db.webhookAttempt.findFirstOrThrow({ where: { deliveryId: d.id } });
      expect(a.responseBody).toBe("x".repeat(1023));
    } finally {
      await hostile.close();
    }
  });

  it("retries on the schedule while the receiver is down, keeps webhook-id, then delivers", async () => {
    let down = true;
    const flaky = await startReceiver(() => (down ? { status: 503, body: "x".repeat(5000) } : {}));
    try {
      const { team } = await teamWithEndpoint(`${flaky.url}/hook`);
      const { deliveries } = await emitByHand(team.id);
      const id = at(deliveries, 0).id;
      const c = clock();
      const expected = [5, 300, 1800];
      for (const seconds of expected) {
        const at = c.now().getTime();
        expect(await m.attemptDelivery(id, depsFor(c))).toBe("retrying");
        await dropJobs(team.id);
        const row = await m.db.webhookDelivery.findUniqueOrThrow({ where: { id } });
        expect((row.nextAttemptAt?.getTime() ?? 0) - at).toBe(seconds * 1000);
        c.advance(seconds * 1000);
      }
      down = false;
      expect(await m.attemptDelivery(id, depsFor(c))).toBe("delivered");
      const ids = new Set(flaky.received.map((r) => r.headers["webhook-id"]));
      expect(ids.size).toBe(1);
      const attempts = await m.db.webhookAttempt.findMany({
        where: { deliveryId: id },
        orderBy: { attempt: "asc" },
      });
      expect(attempts.map((a) => a.statusCode)).toEqual([503, 503, 503, 200]);
      // Only the first 1 KB of an answer is kept.
      expect(at(attempts, 0).responseBody).toHaveLength(1024);
      const endpoint = await m.db.webhookEndpoint.findFirstOrThrow({ where: { teamId: team.id } });
      expect(endpoint.failingSince).toBeNull();
    } finally {
      await flaky.close();
    }
  });

  it("fails the delivery after the eighth failed attempt", async () => {
    const { team } = await teamWithEndpoint("http://127.0.0.1:9/closed");
    const { deliveries } = await emitByHand(team.id);
    const id = at(deliveries, 0).id;
    const c = clock();
    const outcomes = [];
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      outcomes.push(await m.attemptDelivery(id, depsFor(c)));
      await dropJobs(team.id);
      c.advance(60_000);
    }
    expect(outcomes.slice(0, 7).every((o) => o === "retrying")).toBe(true);
    expect(outcomes[7]).toBe("failed");
    const row = await m.db.webhookDelivery.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "failed", attempts: 8, nextAttemptAt: null });
    expect(await m.attemptDelivery(id, depsFor(c))).toBe("skipped");
  });

  it("gives up on a slow receiver at the timeout", async () => {
    const slow = await startReceiver(() => ({ delayMs: 3000 }));
    try {
      const { team } = await teamWithEndpoint(`${slow.url}/slow`);
      const { deliveries } = await emitByHand(team.id);
      const started = Date.now();
      expect(await m.attemptDelivery(at(deliveries, 0).id, depsFor(clock(), 300))).toBe("retrying");
      await dropJobs(team.id);
      expect(Date.now() - started).toBeLessThan(2500);
      const a = await m.db.webhookAttempt.findFirstOrThrow({
        where: { deliveryId: at(deliveries, 0).id },
      });
      expect(a.error).toMatch(/Timed out/);
      expect(a.statusCode).toBeNull();
    } finally {
      await slow.close();
    }
  });

  it("does not follow a redirect", async () => {
    const target = await startReceiver();
    const redirecting = await startReceiver(() => ({ status: 307, location: `${target.url}/x` }));
    try {
      const { team } = await teamWithEndpoint(`${redirecting.url}/hook`);
      const { deliveries } = await emitByHand(team.id);
      expect(await m.attemptDelivery(at(deliveries, 0).id, depsFor(clock()))).toBe("retrying");
      await dropJobs(team.id);
      expect(target.received).toHaveLength(0);
      const a = await m.db.webhookAttempt.findFirstOrThrow({
        where: { deliveryId: at(deliveries, 0).id },
      });
      expect(a.statusCode).toBe(307);
      expect(a.error).toMatch(/redirects are not followed/);
    } finally {
      await target.close();
      await redirecting.close();
    }
  });

  it("refuses private targets at send time when private networks are not allowed", async () => {
    const port = new URL(receiver.url).port;
    const urls = [
      `${receiver.url}/ssrf`,
      `https://localhost:${port}/x`,
      "https://[::ffff:7f00:1]/x",
      // Spellings of loopback that parsers and resolvers accept.
      `https://2130706433:${port}/x`,
      `https://127.1:${port}/x`,
      `https://0x7f.0.0.1:${port}/x`,
      `https://[::127.0.0.1]:${port}/x`,
      `https://0.0.0.0:${port}/x`,
    ];
    for (const url of urls) {
      const { team } = await teamWithEndpoint(url);
      const { deliveries } = await emitByHand(team.id);
      const before = receiver.received.length;
      const deps = depsFor(clock(), 2000, false);
      expect(await m.attemptDelivery(at(deliveries, 0).id, deps)).toBe("retrying");
      await dropJobs(team.id);
      expect(receiver.received.length).toBe(before);
      const a = await m.db.webhookAttempt.findFirstOrThrow({
        where: { deliveryId: at(deliveries, 0).id },
      });
      expect(a.error).toMatch(/(loopback|unspecified|IPv4-compatible).*SSRF protection/);
    }
  });

  it("keeps 1 KB of an endless answer without reading on, and ends a drip-fed one at the timeout", async () => {
    const server = http.createServer((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "text/plain" });
      const chunk = req.url === "/endless" ? "x".repeat(64 * 1024) : ".";
      const t = setInterval(() => res.write(chunk), req.url === "/endless" ? 1 : 100);
      res.on("close", () => clearInterval(t));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const send = m.createWebhookSender({ allowPrivateNetworks: true, timeoutMs: 1500 });
      const started = Date.now();
      const endless = await send(`${base}/endless`, {}, "{}");
      expect(Date.now() - started).toBeLessThan(1000);
      expect(endless).toMatchObject({ statusCode: 200, error: null });
      expect(endless.body).toHaveLength(1024);
      const drip = await send(`${base}/drip`, {}, "{}");
      expect(drip.error).toMatch(/Timed out/);
      expect(drip.latencyMs).toBeLessThan(3000);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it("never sends unsigned: an unreadable secret is a failed attempt, retried", async () => {
    const { team } = await teamWithEndpoint(`${receiver.url}/unsigned`);
    const { deliveries } = await emitByHand(team.id);
    const before = receiver.received.length;
    const deps = {
      ...depsFor(clock()),
      signingKeys: () =>
        Promise.reject(new Error("Unsupported state or unable to authenticate data")),
    };
    expect(await m.attemptDelivery(at(deliveries, 0).id, deps)).toBe("retrying");
    await dropJobs(team.id);
    expect(receiver.received.length).toBe(before);
    const a = await m.db.webhookAttempt.findFirstOrThrow({
      where: { deliveryId: at(deliveries, 0).id },
    });
    expect(a.error).toMatch(/signing secret could not be read/);
  });

  it("disables an endpoint whose deliveries failed for 5 days straight", async () => {
    const { team } = await teamWithEndpoint("http://127.0.0.1:9/down");
    const c = clock();
    for (let day = 0; day <= 5; day++) {
      const { deliveries } = await emitByHand(team.id);
      const fresh = at(
        deliveries.filter((d) => d.attempts === 0 && d.status === "pending"),
        0,
      );
      await m.attemptDelivery(fresh.id, depsFor(c));
      await dropJobs(team.id);
      const e = await m.db.webhookEndpoint.findFirstOrThrow({ where: { teamId: team.id } });
      expect(e.enabled).toBe(day < 5);
      c.advance(24 * 3600 * 1000);
    }
    const e = await m.db.webhookEndpoint.findFirstOrThrow({ where: { teamId: team.id } });
    expect(e.disabledReason).toMatch(/5 days/);
    expect(
      await m.db.auditLog.count({
        where: { teamId: team.id, action: "webhook_endpoint.disabled" },
      }),
    ).toBe(1);
  });
});

describe("signing secret rotation", () => {
  it("signs with both secrets until the previous is revoked, re-signing retries at send time", async () => {
    let accept = false;
    const rx = await startReceiver(() => (accept ? {} : { status: 500 }));
    try {
      const { team, owner } = await teamWithEndpoint(`${rx.url}/rot`);
      const actor = { userId: owner.id, label: "owner", role: "owner" as const };
      const old = await m.secrets.revealSigningSecret({ teamId: team.id, actor });
      const { deliveries } = await emitByHand(team.id);
      const id = at(deliveries, 0).id;
      const c = clock();
      expect(await m.attemptDelivery(id, depsFor(c))).toBe("retrying");
      await dropJobs(team.id);
      expect(String(at(rx.received, 0).headers["webhook-signature"]).split(" ")).toHaveLength(1);

      await expect(
        m.secrets.rotateSigningSecret({ teamId: team.id, actor, confirm: "rotate" }),
      ).rejects.toThrow(/Type ROTATE/);
      const viewer = { ...actor, role: "viewer" as const };
      await expect(
        m.secrets.rotateSigningSecret({ teamId: team.id, actor: viewer, confirm: "ROTATE" }),
      ).rejects.toThrow(/owners and admins/);
      // Members see that it exists and when it was made, never the secret (nor is it audited).
      const member = { ...actor, role: "member" as const };
      await expect(
        m.secrets.revealSigningSecret({ teamId: team.id, actor: member }),
      ).rejects.toThrow(/owners and admins can reveal/);
      const { secret: fresh, previousExpiresAt } = await m.secrets.rotateSigningSecret({
        teamId: team.id,
        actor,
        confirm: "ROTATE",
        now: c.now(),
      });
      await dropJobs(team.id);
      expect(fresh).not.toBe(old);
      expect(previousExpiresAt.getTime() - c.now().getTime()).toBe(7 * 24 * 3600 * 1000);

      // The retry is signed at send time: both signatures, each receiver secret verifies.
      accept = true;
      c.advance(5000);
      expect(await m.attemptDelivery(id, depsFor(c))).toBe("delivered");
      const got = at(rx.received, 1);
      expect(String(got.headers["webhook-signature"]).split(" ")).toHaveLength(2);
      const h = got.headers as Record<string, string>;
      expect(new Webhook(old).verify(got.body, h)).toMatchObject({ type: "run.succeeded" });
      expect(new Webhook(fresh).verify(got.body, h)).toMatchObject({ type: "run.succeeded" });

      const info = await m.secrets.getSigningSecretInfo(team.id, c.now());
      expect(info.previous).toMatchObject({ state: "active", until: previousExpiresAt });

      await m.secrets.revokePreviousSigningSecret({ teamId: team.id, actor });
      await expect(
        m.secrets.revokePreviousSigningSecret({ teamId: team.id, actor }),
      ).rejects.toThrow(/no previous/);
      expect((await m.secrets.getSigningSecretInfo(team.id)).previous?.state).toBe("revoked");
      expect(await m.store.signingKeysFor(team.id)).toHaveLength(1);
      const audit = await m.db.auditLog.findMany({
        where: { teamId: team.id, targetType: "signing_secret" },
        select: { action: true },
      });
      expect(audit.map((a) => a.action).sort()).toEqual([
        "signing_secret.previous_revoked",
        "signing_secret.revealed",
        "signing_secret.rotated",
      ]);
    } finally {
      await rx.close();
    }
  });

  it("auto-revokes the previous secret after 7 days", async () => {
    const { team, owner } = await m.fixtures.makeTeam("Auto");
    const actor = { userId: owner.id, label: "owner", role: "owner" as const };
    const t0 = new Date();
    await m.secrets.rotateSigningSecret({ teamId: team.id, actor, confirm: "ROTATE", now: t0 });
    const day = 24 * 3600 * 1000;
    expect(
      await m.store.signingKeysFor(team.id, new Date(t0.getTime() + 7 * day - 1000)),
    ).toHaveLength(2);
    expect(await m.store.signingKeysFor(team.id, new Date(t0.getTime() + 7 * day))).toHaveLength(1);
    const info = await m.secrets.getSigningSecretInfo(team.id, new Date(t0.getTime() + 8 * day));
    expect(info.previous?.state).toBe("revoked");
  });

  it("is rate-limited like CI key rotations (3 per 10 minutes)", async () => {
    const { team, owner } = await m.fixtures.makeTeam("Limit");
    const actor = { userId: owner.id, label: "owner", role: "owner" as const };
    const rotate = () =>
      m.secrets.rotateSigningSecret({ teamId: team.id, actor, confirm: "ROTATE" });
    for (let i = 0; i < 3; i++) await rotate();
    await expect(rotate()).rejects.toThrow(/rotated too often/);
  });

  it("of concurrent rotations exactly one wins; members and viewers can neither reveal nor rotate", async () => {
    const { team, owner } = await m.fixtures.makeTeam("Race");
    const actor = { userId: owner.id, label: "owner", role: "owner" as const };
    const original = await m.secrets.revealSigningSecret({ teamId: team.id, actor });
    for (const role of ["member", "viewer"] as const) {
      const weak = { ...actor, role };
      await expect(m.secrets.revealSigningSecret({ teamId: team.id, actor: weak })).rejects.toThrow(
        /owners and admins/,
      );
      await expect(
        m.secrets.rotateSigningSecret({ teamId: team.id, actor: weak, confirm: "ROTATE" }),
      ).rejects.toThrow(/owners and admins/);
    }
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        m.secrets.rotateSigningSecret({ teamId: team.id, actor, confirm: "ROTATE" }),
      ),
    );
    const won = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.secret] : []));
    expect(won).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect(String(r.reason)).toMatch(/changed while|too often/);
    // The winner signs, the original is its previous, and no loser's secret ever signs.
    const keys = await m.store.signingKeysFor(team.id);
    expect(keys.map((k) => k.toString("base64"))).toEqual(
      [won[0] ?? "", original].map((s) => secretKey(s).toString("base64")),
    );
    expect(
      await m.db.auditLog.count({ where: { teamId: team.id, action: "signing_secret.rotated" } }),
    ).toBe(1);
    expect(
      await m.db.auditLog.count({
        where: { teamId: team.id, targetType: "signing_secret", action: "signing_secret.revealed" },
      }),
    ).toBe(1);
  });

  it("is made on first use for a team from before signing secrets, once under concurrency", async () => {
    const { team, owner } = await m.fixtures.makeTeam("Older");
    await m.db.webhookSigningSecret.delete({ where: { teamId: team.id } });
    const actor = { userId: owner.id, label: "owner", role: "owner" as const };
    const [a, b, keys] = await Promise.all([
      m.secrets.revealSigningSecret({ teamId: team.id, actor }),
      m.secrets.revealSigningSecret({ teamId: team.id, actor }),
      m.store.signingKeysFor(team.id),
    ]);
    expect(a).toMatch(/^whsec_/);
    expect(b).toBe(a);
    expect(keys).toEqual([secretKey(a)]);
    expect(await m.db.webhookSigningSecret.count({ where: { teamId: team.id } })).toBe(1);
  });

  it("is created with the team and stored sealed, never in plaintext", async () => {
    const { team } = await m.fixtures.makeTeam("Sealed");
    const row = await m.db.webhookSigningSecret.findUniqueOrThrow({ where: { teamId: team.id } });
    expect(row.sealedSecret).not.toMatch(/whsec_/);
    expect(m.store.openSecret(row.sealedSecret)).toMatch(/^whsec_/);
  });
});

describe("through a real worker", () => {
  it("delivers an emitted event to a local receiver (concurrency 32, pool sized to match)", async () => {
    const rx = await startReceiver();
    const warnings = vi.spyOn(console, "error");
    const worker = await m.startWorker({
      workerId: "hooks",
      concurrency: 32,
      maintenanceIntervalMs: 60_000,
    });
    const printed = warnings.mock.calls.flat().join("\n");
    warnings.mockRestore();
    try {
      // graphile-worker warns when its pool is smaller than the concurrency (the bench's 32).
      expect(printed).not.toMatch(/maxPoolSize/);
      const { team, owner } = await teamWithEndpoint(`${rx.url}/w`, ["ci_key.created"]);
      const emitted = await m.emitEvent(m.db, {
        teamId: team.id,
        type: "ci_key.created",
        data: { key_id: "k" },
      });
      const deadline = Date.now() + 10_000;
      while (rx.received.length === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 25));
      const secret = await m.secrets.revealSigningSecret({
        teamId: team.id,
        actor: { userId: owner.id, label: "owner", role: "owner" },
      });
      const got = at(rx.received, 0);
      expect(got.headers["webhook-id"]).toBe(emitted.eventId);
      expect(
        new Webhook(secret).verify(got.body, got.headers as Record<string, string>),
      ).toMatchObject({
        type: "ci_key.created",
      });
    } finally {
      await worker.stop();
      await rx.close();
    }
  });

  it("sends again after the worker was SIGKILLed mid-delivery, and records the attempt once", async () => {
    // The first request is held open; the worker process is killed while it waits.
    const rx = await startReceiver((r) =>
      rx.received.indexOf(r) === 0 ? { delayMs: 60_000 } : {},
    );
    const { team } = await teamWithEndpoint(`${rx.url}/killed`, ["ci_key.created"]);
    // One process (node with tsx's loader), so SIGKILL really kills the worker.
    const child = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
      env: { ...process.env, WORKER_SCHEDULER_INTERVAL_MS: "300000", LOG_LEVEL: "silent" },
      stdio: "ignore",
    });
    let worker: Awaited<ReturnType<typeof m.startWorker>> | undefined;
    try {
      const emitted = await m.emitEvent(m.db, {
        teamId: team.id,
        type: "ci_key.created",
        data: { key_id: "k" },
      });
      await vi.waitFor(() => expect(rx.received).toHaveLength(1), { timeout: 30_000 });
      child.kill("SIGKILL");
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
      // Another worker notices the job its dead owner still holds, and sends again.
      worker = await m.startWorker({
        workerId: "after-kill",
        maintenanceIntervalMs: 200,
        webhookStalledAfterMs: 1_000,
      });
      await vi.waitFor(() => expect(rx.received).toHaveLength(2), { timeout: 15_000 });
      expect(at(rx.received, 1).headers["webhook-id"]).toBe(emitted.eventId);
      const delivery = await vi.waitFor(
        async () => {
          const d = await m.db.webhookDelivery.findFirstOrThrow({ where: { teamId: team.id } });
          expect(d.status).toBe("delivered");
          return d;
        },
        { timeout: 5_000 },
      );
      // The killed attempt wrote nothing; the one that got through is attempt 1.
      expect(delivery.attempts).toBe(1);
      expect(
        await m.db.webhookAttempt.findMany({
          where: { deliveryId: delivery.id },
          select: { attempt: true, statusCode: true },
        }),
      ).toEqual([{ attempt: 1, statusCode: 200 }]);
      // Not sent a third time.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(rx.received).toHaveLength(2);
    } finally {
      child.kill("SIGKILL");
      await worker?.stop();
      await rx.close();
    }
  }, 60_000);
});
