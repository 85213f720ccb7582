// Webhooks: signing cost per delivery; event → delivered latency at 100 events/s to one local
// receiver; one event fanned out to 1,000 endpoints. A throwaway database, one worker process
// (in this process) and a local receiver that records when each delivery arrived.
import { randomBytes } from "node:crypto";
import { createTestDatabase } from "@/scripts/test-db";
import { startReceiver } from "@/test/webhook-receiver";
import { secretKey, signatureHeader } from "@/lib/webhooks/sign";

function percentile(sorted: number[], p: number) {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? 0;
}

/** Microseconds per `webhook-signature` header (one and two secrets) for a 1 KB body. */
export function benchSigning(iterations = 200_000) {
  const keys = [0, 1].map(() => secretKey(`whsec_${randomBytes(32).toString("base64")}`));
  const body = JSON.stringify({ type: "run.succeeded", data: { blob: "x".repeat(1000) } });
  const perCall = (n: number) => {
    const ks = keys.slice(0, n);
    for (let i = 0; i < 10_000; i++) signatureHeader(ks, "msg_warmup", 1764568809, body);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) signatureHeader(ks, `msg_${i}`, 1764568809, body);
    return Number(process.hrtime.bigint() - t0) / 1000 / iterations;
  };
  return { oneSecretUs: +perCall(1).toFixed(2), twoSecretsUs: +perCall(2).toFixed(2) };
}

export async function benchWebhooks() {
  const signing = benchSigning();
  const database = await createTestDatabase("signaldiff_bench_hooks");
  process.env.DATABASE_URL = database.url;
  process.env.CRAWL_ALLOW_PRIVATE_NETWORKS = "1";
  process.env.LOG_LEVEL ??= "silent";
  const receiver = await startReceiver();
  const { db } = await import("@/lib/db");
  const { emitEvent } = await import("@/lib/webhooks/emit-event");
  const { startWorker } = await import("@/lib/worker/start-worker");
  const { makeTeam } = await import("@/test/fixtures");
  const worker = await startWorker({ concurrency: 32, maintenanceIntervalMs: 60_000 });
  try {
    // 1. 500 events paced at 100/s to one endpoint; latency = arrival − emit.
    const { team } = await makeTeam("Bench hooks");
    await db.webhookEndpoint.create({
      data: { teamId: team.id, url: `${receiver.url}/one`, eventTypes: ["run.succeeded"] },
    });
    const EVENTS = 500;
    const sentAt = new Map<string, number>();
    const start = Date.now();
    for (let i = 0; i < EVENTS; i++) {
      const wait = start + i * 10 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const t = Date.now();
      const { eventId } = await emitEvent(db, {
        teamId: team.id,
        type: "run.succeeded",
        data: { i },
      });
      if (eventId) sentAt.set(eventId, t);
    }
    const deadline = Date.now() + 60_000;
    while (receiver.received.length < EVENTS && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const latencies = receiver.received
      .map((r) => r.at - (sentAt.get(String(r.headers["webhook-id"])) ?? r.at))
      .sort((a, b) => a - b);
    const paced = {
      events: EVENTS,
      delivered: receiver.received.length,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
    };

    // 2. One event to 1,000 endpoints of one team.
    receiver.received.length = 0;
    const { team: wide } = await makeTeam("Bench fan-out");
    await db.webhookEndpoint.createMany({
      data: Array.from({ length: 1000 }, (_, i) => ({
        teamId: wide.id,
        url: `${receiver.url}/fan/${i}`,
        eventTypes: ["run.failed"],
      })),
    });
    const t0 = Date.now();
    const emitted = await emitEvent(db, { teamId: wide.id, type: "run.failed", data: {} });
    const emitMs = Date.now() - t0;
    const until = Date.now() + 60_000;
    while (receiver.received.length < 1000 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const fanOut = {
      endpoints: emitted.deliveries,
      delivered: receiver.received.length,
      emitMs,
      allDeliveredMs: (receiver.received.at(-1)?.at ?? t0) - t0,
    };
    return { signing, paced, fanOut };
  } finally {
    await worker.stop();
    await receiver.close();
    await db.$disconnect();
    await database.drop();
  }
}
