// Every event type the docs list, made through the product's own code (key checkout, rotation and
// revocation, API clients, a leak report, runs, the signing secret, the notice producer, the
// worker's disable hook, a test event) for one team whose endpoint subscribes to everything. The
// docs' example of each type must have exactly the fields the real event's data has.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ONLINE_WINDOW_MS } from "@/lib/credentials/agents/agents";
import { createPool } from "@/lib/credentials/agents/pools";
import { createApiClient, deleteApiClient } from "@/lib/credentials/api-clients/manage-clients";
import { createKeyForSubscription } from "@/lib/credentials/ci-keys/create-key";
import { revokeKey } from "@/lib/credentials/ci-keys/manage-key";
import { rotateKey } from "@/lib/credentials/ci-keys/rotate-key";
import { rotateSigningSecret } from "@/lib/credentials/signing-secret/manage-secret";
import { produceNotices } from "@/lib/notices/produce-notices";
import { emitRunEvent, type RunEventType } from "@/lib/runs/run-events";
import { reportLeaks } from "@/lib/secret-scanning/report-leaks";
import { recordEndpointDisabled } from "@/lib/worker/webhook-task";
import { makeSite, makeSubscription, makeTeam } from "@/test/fixtures";
import { sendTestEvent } from "./deliveries";
import { EVENT_DATA_EXAMPLES } from "./event-examples";
import { SUBSCRIBABLE_EVENT_TYPES, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./events";
import { JOB_KEY_PREFIX } from "./queue";

const DAY = 24 * 60 * 60 * 1000;
const inDays = (n: number) => new Date(Date.now() + n * DAY);

/** The field names of a JSON value, nested objects as `a.b` (arrays and scalars are leaves). */
function fields(value: unknown, prefix = ""): string[] {
  if (!value || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => [
    `${prefix}${k}`,
    ...fields(v, `${prefix}${k}.`),
  ]);
}

describe("the docs' event examples", () => {
  it("have exactly the fields of each real event, for every event type", async () => {
    const { team, owner } = await makeTeam("Event examples");
    const actor = { userId: owner.id, label: "owner", role: "owner" as const };
    // A receiver that is never reached: the jobs are taken off the queue below.
    const endpoint = await db.webhookEndpoint.create({
      data: {
        teamId: team.id,
        url: "https://listener.example.invalid/hook",
        eventTypes: [...SUBSCRIBABLE_EVENT_TYPES],
      },
    });

    // CI keys: created at checkout, rotated, revoked; a trial ending, a key expiring, one expired.
    const trial = await makeSubscription(team.id, {
      status: "trialing",
      trialEnd: inDays(3),
      currentPeriodEnd: inDays(3),
    });
    await createKeyForSubscription(team.id, trial.id, actor, { label: "trial key" });
    const ending = await makeSubscription(team.id, { currentPeriodEnd: inDays(2) });
    await db.subscription.update({ where: { id: ending.id }, data: { cancelAtPeriodEnd: true } });
    await createKeyForSubscription(team.id, ending.id, actor, { label: "ending key" });
    const lapsed = await makeSubscription(team.id, { currentPeriodEnd: inDays(-1) });
    await db.ciApiKey.create({
      data: {
        teamId: team.id,
        subscriptionId: lapsed.id,
        label: "lapsed key",
        prefix: "sck_lapsed",
        secretHash: `lapsed-${team.id}`,
      },
    });
    const paid = await makeSubscription(team.id, { currentPeriodEnd: inDays(30) });
    const key = await createKeyForSubscription(team.id, paid.id, actor, { label: "paid key" });
    if (!key.created) throw new Error("no key");
    await rotateKey({ teamId: team.id, keyId: key.keyId, confirm: "ROTATE", actor });
    await revokeKey({ teamId: team.id, keyId: key.keyId, actor });
    const leaky = await makeSubscription(team.id, { currentPeriodEnd: inDays(30) });
    const leakedKey = await createKeyForSubscription(team.id, leaky.id, actor, { label: "leaky" });
    if (!leakedKey.created) throw new Error("no key");

    // API clients: one deleted, one reported leaked (GitHub's report, its signature aside).
    const gone = await createApiClient({
      teamId: team.id,
      label: "gone",
      scopes: ["read"],
      expiresAt: null,
      actor,
    });
    await deleteApiClient({ teamId: team.id, id: gone.id, invalidateTokens: false, actor });
    const leakedClient = await createApiClient({
      teamId: team.id,
      label: "leaked",
      scopes: ["full"],
      expiresAt: null,
      actor,
    });
    const url = "https://github.com/octo-org/octo-repo/blob/abc123/ci.yml";
    await reportLeaks([
      { token: leakedKey.secret, type: "signal_diff_ci_api_key", url, source: "content" },
      {
        token: leakedClient.clientSecret,
        type: "signal_diff_client_secret",
        url,
        source: "content",
      },
    ]);

    // Runs, the signing secret, a disabled endpoint, an offline agent pool with queued runs.
    const site = await makeSite(team.id);
    const run = await db.run.create({ data: { teamId: team.id, siteId: site.id, source: "ci" } });
    for (const type of ["run.started", "run.succeeded", "run.failed", "run.cancelled"])
      await emitRunEvent(db, team.id, run.id, type as RunEventType);
    await rotateSigningSecret({ teamId: team.id, actor, confirm: "ROTATE" });
    const dead = await db.webhookEndpoint.create({
      data: {
        teamId: team.id,
        url: "https://dead.example.invalid/hook",
        eventTypes: ["run.failed"],
        enabled: false,
        disabledAt: new Date(),
        disabledReason: "Every delivery failed for 5 days.",
      },
    });
    await db.$transaction((tx) =>
      recordEndpointDisabled(tx, { ...dead, disabledAt: dead.disabledAt ?? new Date() }),
    );
    const pool = await createPool(team.id, { name: "office" }, actor);
    await db.agent.create({
      data: {
        teamId: team.id,
        poolId: pool.id,
        name: "box-1",
        lastSeenAt: new Date(Date.now() - 5 * ONLINE_WINDOW_MS),
      },
    });
    await db.run.create({
      data: {
        teamId: team.id,
        siteId: site.id,
        source: "manual",
        executionMode: "agent",
        agentPoolId: pool.id,
      },
    });
    await produceNotices({ teamId: team.id });
    await sendTestEvent(team.id, endpoint.id);

    const deliveries = await db.webhookDelivery.findMany({
      where: { teamId: team.id, endpointId: endpoint.id },
      include: { event: true },
    });
    for (const { id } of deliveries) {
      await db.$queryRaw`SELECT graphile_worker.remove_job(${JOB_KEY_PREFIX + id}::text)::text AS id`;
    }
    const byType = new Map<string, unknown>();
    for (const d of deliveries) {
      const body = JSON.parse(d.event.payload) as { type: string; data: unknown };
      byType.set(body.type, body.data);
    }
    expect([...byType.keys()].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    for (const type of WEBHOOK_EVENT_TYPES) {
      const real = fields(byType.get(type)).sort();
      const documented = fields(EVENT_DATA_EXAMPLES[type as WebhookEventType]).sort();
      expect({ type, fields: documented }).toEqual({ type, fields: real });
    }
  }, 60_000);
});
