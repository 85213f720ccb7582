// The demo team's webhooks, made through the product's own functions: two endpoints, a delivery
// log, a signing-secret rotation six days ago and the notices these conditions produce.
//
// - "Deploy bot": the docs' Node receiver on its default port (http://localhost:8080, allowed
//   because the demo allows private networks; a *.acme.example https URL otherwise). Its history
//   has delivered runs, a 500 answered and retried, and a delivery failing right now (the bot is
//   not running) whose next retry is a real queued job: start the docs' receiver with the revealed
//   secret and the worker delivers it.
// - "Old staging receiver" (*.acme.example, which never resolves): failing since six days ago, so
//   the worker's code disabled it, with its notice.
//
// Attempts are replayed through the real delivery code (lib/webhooks/deliver.ts) on a dated clock,
// as seed-sites.ts replays crawls through the real diff: only what the receiver answered is
// scripted. The notices come from the real producer (lib/notices/produce-notices.ts).
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { rotateSigningSecret } from "@/lib/credentials/signing-secret/manage-secret";
import { signingKeysFor } from "@/lib/credentials/signing-secret/secret-store";
import { produceNotices } from "@/lib/notices/produce-notices";
import { emitRunEvent } from "@/lib/runs/run-events";
import { attemptDelivery, type AttemptOutcome } from "@/lib/webhooks/deliver";
import { emitEvent } from "@/lib/webhooks/emit-event";
import { createEndpoint } from "@/lib/webhooks/endpoints";
import { removeDeliveryJob } from "@/lib/webhooks/queue";
import type { SendResult } from "@/lib/webhooks/send";
import { recordEndpointDisabled } from "@/lib/worker/webhook-task";

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/** The docs' Node receiver listens on 8080 by default (/docs/verifying-signatures). */
export const DEMO_LOCAL_RECEIVER = "http://localhost:8080/webhooks/signal-diff";
export const DEMO_PUBLIC_RECEIVER = "https://deploy-bot.acme.example/webhooks/signal-diff";
export const DEMO_STAGING_RECEIVER = "https://hooks.staging.acme.example/signal-diff";

const ok = (statusCode: number, body: string, latencyMs: number): SendResult => ({
  statusCode,
  body,
  latencyMs,
  error: null,
});
const answered = (statusCode: number, body: string, latencyMs: number): SendResult => ({
  statusCode,
  body,
  latencyMs,
  error: `Answered ${statusCode}.`,
});
const unreachable = (url: string): SendResult => {
  const host = new URL(url).hostname;
  return {
    statusCode: null,
    body: "",
    latencyMs: host === "localhost" ? 1 : 24,
    error:
      host === "localhost"
        ? `Could not connect: connect ECONNREFUSED 127.0.0.1:${new URL(url).port || 80}`
        : `Could not connect: getaddrinfo ENOTFOUND ${host}`,
  };
};

/** One attempt through the real delivery code at `at`, the receiver answering `answer`. */
async function replayAttempt(
  deliveryId: string,
  at: Date,
  answer: SendResult,
): Promise<AttemptOutcome> {
  const outcome = await attemptDelivery(deliveryId, {
    send: async () => answer,
    signingKeys: signingKeysFor,
    now: () => at,
    random: () => 0.5,
    onDisabled: recordEndpointDisabled,
  });
  const { attempts, status } = await db.webhookDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    select: { attempts: true, status: true },
  });
  await db.webhookAttempt.updateMany({
    where: { deliveryId, attempt: attempts },
    data: { createdAt: at },
  });
  // A delivery that ended needs no job; one still retrying keeps its real, future job.
  if (status !== "pending") await removeDeliveryJob(db, deliveryId);
  return outcome;
}

/** The deliveries an event just made, their immediate jobs taken off the queue. */
async function deliveriesOf(eventId: string | null | undefined) {
  if (!eventId) return [];
  const rows = await db.webhookDelivery.findMany({
    where: { eventId },
    select: { id: true, endpointId: true },
  });
  for (const r of rows) await removeDeliveryJob(db, r.id);
  return rows;
}

type Step = { at: number; run: () => Promise<void> };

export async function seedWebhooks(
  team: { id: string },
  owner: { id: string; email: string | null },
) {
  const now = Date.now();
  const actor = { userId: owner.id, label: owner.email ?? "demo owner" };
  const request = { ip: "203.0.113.7", userAgent: "Mozilla/5.0 (demo data)" };
  const who = { teamId: team.id, actor, request };

  const local = env().CRAWL_ALLOW_PRIVATE_NETWORKS;
  const botUrl = local ? DEMO_LOCAL_RECEIVER : DEMO_PUBLIC_RECEIVER;
  const bot = await createEndpoint(who, {
    url: botUrl,
    description: local
      ? "Deploy bot — the Node receiver of /docs/verifying-signatures, on port 8080"
      : "Deploy bot",
    eventTypes: ["run.succeeded", "run.failed", "ci_key.rotated", "signing_secret.rotated"],
  });
  const staging = await createEndpoint(who, {
    url: DEMO_STAGING_RECEIVER,
    description: "Old staging receiver",
    eventTypes: ["run.succeeded", "run.failed"],
  });
  for (const [id, daysAgo] of [
    [bot.id, 20],
    [staging.id, 12],
  ] as const) {
    const at = new Date(now - daysAgo * DAY);
    await db.webhookEndpoint.update({ where: { id }, data: { createdAt: at } });
    await db.auditLog.updateMany({
      where: { teamId: team.id, targetId: id },
      data: { createdAt: at },
    });
  }

  // What happened, replayed in time order. Staging never resolves; the bot answers until the
  // failed run a day ago (it has been down since), once with a 500 it recovered from.
  const runs = await db.run.findMany({
    where: {
      teamId: team.id,
      status: { in: ["succeeded", "failed"] },
      finishedAt: { gt: new Date(now - 8 * DAY) },
    },
    orderBy: { finishedAt: "asc" },
    select: { id: true, status: true, finishedAt: true },
  });
  const downSince =
    (runs.findLast((r) => r.status === "failed")?.finishedAt?.getTime() ?? now) - MIN;
  let flaky: string | null = null;
  const answerFor = (endpointId: string, at: number, attempt: number, deliveryId: string) => {
    if (endpointId === staging.id) return unreachable(DEMO_STAGING_RECEIVER);
    if (at >= downSince) return unreachable(botUrl);
    if (deliveryId === flaky && attempt === 0)
      return answered(500, '{"error":"deploy bot is restarting"}', 3);
    return ok(200, '{"received":true}', 24 + (attempt % 3) * 7);
  };

  const steps: Step[] = [];
  const attempt = (deliveryId: string, endpointId: string, at: number): Step => ({
    at,
    run: async () => {
      const { attempts } = await db.webhookDelivery.findUniqueOrThrow({
        where: { id: deliveryId },
        select: { attempts: true },
      });
      await replayAttempt(
        deliveryId,
        new Date(at),
        answerFor(endpointId, at, attempts, deliveryId),
      );
      const { status, nextAttemptAt } = await db.webhookDelivery.findUniqueOrThrow({
        where: { id: deliveryId },
        select: { status: true, nextAttemptAt: true },
      });
      // Retries due before now are replayed too; a later one stays the worker's real job.
      if (status === "pending" && nextAttemptAt && nextAttemptAt.getTime() <= now) {
        steps.push(attempt(deliveryId, endpointId, nextAttemptAt.getTime()));
      }
    },
  });
  const emitted = (at: number, emit: () => Promise<{ eventId: string | null } | null>): Step => ({
    at,
    run: async () => {
      const result = await emit();
      for (const d of await deliveriesOf(result?.eventId))
        steps.push(attempt(d.id, d.endpointId, at));
    },
  });

  // The first thing anyone does with an endpoint: a test event.
  const testAt = now - 20 * DAY + 2 * MIN;
  steps.push(
    emitted(testAt, () =>
      emitEvent(db, {
        teamId: team.id,
        type: "webhook.test",
        endpointId: bot.id,
        data: { endpoint_id: bot.id, message: "A test event from Signal Diff." },
        now: new Date(testAt),
      }),
    ),
  );
  // The signing secret was rotated six days ago: the previous one signs until tomorrow.
  const rotatedAt = now - 6 * DAY;
  steps.push(
    emitted(rotatedAt, async () => {
      await rotateSigningSecret({
        teamId: team.id,
        actor: { ...actor, role: "owner" },
        confirm: "ROTATE",
        request,
        now: new Date(rotatedAt),
      });
      return db.webhookEvent
        .findFirst({
          where: { teamId: team.id, type: "signing_secret.rotated" },
          select: { id: true },
        })
        .then((e) => ({ eventId: e?.id ?? null }));
    }),
  );
  for (const [i, run] of runs.entries()) {
    const at = run.finishedAt?.getTime() ?? now;
    const type = run.status === "failed" ? "run.failed" : "run.succeeded";
    steps.push(
      emitted(at, async () => {
        const result = await emitRunEvent(db, team.id, run.id, type, new Date(at));
        if (i === 1 && result?.eventId) {
          const d = await db.webhookDelivery.findFirst({
            where: { eventId: result.eventId, endpointId: bot.id },
          });
          flaky = d?.id ?? null;
        }
        return result;
      }),
    );
  }

  while (steps.length) {
    steps.sort((x, y) => x.at - y.at);
    const next = steps.shift();
    await next?.run();
  }

  // The worker disabled staging in the replay (at its dated clock): date the audit entry and the
  // notice it recorded like the endpoint.
  const disabled = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: staging.id } });
  if (disabled.disabledAt) {
    await db.auditLog.updateMany({
      where: { teamId: team.id, targetId: staging.id, action: "webhook_endpoint.disabled" },
      data: { createdAt: disabled.disabledAt },
    });
    await db.notice.updateMany({
      where: { teamId: team.id, subjectId: staging.id },
      data: { createdAt: disabled.disabledAt },
    });
  }
  // The notices these conditions call for, by the scheduled producer's own code.
  await produceNotices({ teamId: team.id });
}
