// The notice kinds of webhooks and customer agents against PostgreSQL: a disabled endpoint, a
// previous signing secret about to be auto-revoked, and a pool whose agents went offline while
// runs wait. Each is recorded once however often the producer runs, resolves when its condition
// stops, and its webhook event reaches a subscribed endpoint exactly once.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ONLINE_WINDOW_MS } from "@/lib/credentials/agents/agents";
import { createPool } from "@/lib/credentials/agents/pools";
import {
  revokePreviousSigningSecret,
  rotateSigningSecret,
} from "@/lib/credentials/signing-secret/manage-secret";
import type { NoticeKind } from "@/lib/generated/prisma/client";
import { signingKeysFor } from "@/lib/credentials/signing-secret/secret-store";
import { attemptDelivery } from "@/lib/webhooks/deliver";
import { emitEvent } from "@/lib/webhooks/emit-event";
import { updateEndpoint } from "@/lib/webhooks/endpoints";
import { DISABLE_AFTER_MS } from "@/lib/webhooks/retry-schedule";
import { recordEndpointDisabled } from "@/lib/worker/webhook-task";
import { JOB_KEY_PREFIX } from "@/lib/webhooks/queue";
import { makeSite, makeTeam } from "@/test/fixtures";
import { NOTICE_EVENT_TYPES } from "./event-types";
import { countOpenNotices, listOpenNotices } from "./list-notices";
import { produceNotices } from "./produce-notices";

/** A team with an enabled endpoint subscribed to `type` (the notice's event) only. */
async function teamSubscribedTo(kind: NoticeKind) {
  const { team, owner } = await makeTeam("Notices");
  const listener = await db.webhookEndpoint.create({
    data: {
      teamId: team.id,
      url: "https://listener.example.invalid/hook",
      eventTypes: [NOTICE_EVENT_TYPES[kind]],
    },
  });
  return { team, owner, listener, actor: { userId: owner.id, label: "owner" } };
}

/** The deliveries of the notice's event to the listener; the jobs are taken off the queue. */
async function deliveriesOf(teamId: string, endpointId: string, kind: NoticeKind) {
  const rows = await db.webhookDelivery.findMany({
    where: { teamId, endpointId, event: { type: NOTICE_EVENT_TYPES[kind] } },
    include: { event: true },
  });
  for (const { id } of rows) {
    await db.$queryRaw`SELECT graphile_worker.remove_job(${JOB_KEY_PREFIX + id}::text)::text AS id`;
  }
  return rows;
}

const open = (teamId: string, kind: NoticeKind) =>
  db.notice.findMany({ where: { teamId, kind, resolvedAt: null } });

/**
 * Runs the producer twice: the condition is recorded once, as one open notice of `kind` about
 * `subject`, and its event reaches the listener once. Returns the notice and the event's body.
 */
async function producedOnce(
  team: { id: string },
  listener: { id: string },
  kind: NoticeKind,
  subject: { subjectType: string; subjectId: string; occurrence: string },
) {
  expect(await produceNotices({ teamId: team.id })).toEqual({ created: 1, resolved: 0 });
  expect(await produceNotices({ teamId: team.id })).toEqual({ created: 0, resolved: 0 });
  const notices = await open(team.id, kind);
  expect(notices).toHaveLength(1);
  expect(notices[0]).toMatchObject({ eventType: NOTICE_EVENT_TYPES[kind], ...subject });
  const sent = await deliveriesOf(team.id, listener.id, kind);
  expect(sent).toHaveLength(1);
  const body = JSON.parse(sent[0]?.event.payload ?? "{}") as { type: string; data: object };
  expect(body.type).toBe(NOTICE_EVENT_TYPES[kind]);
  expect(body.data).toMatchObject({ notice_id: notices[0]?.id, subject_id: subject.subjectId });
  return { notice: notices[0], data: body.data };
}

describe("webhook_endpoint_disabled", () => {
  it("announces an endpoint disabled after failing 5 days once, until it is enabled again", async () => {
    const { team, owner, listener, actor } = await teamSubscribedTo("webhook_endpoint_disabled");
    const failing = await db.webhookEndpoint.create({
      data: {
        teamId: team.id,
        url: "https://down.example.invalid/hook",
        eventTypes: ["run.failed"],
      },
    });
    expect(await produceNotices({ teamId: team.id })).toEqual({ created: 0, resolved: 0 });
    // What lib/webhooks/deliver.ts writes when five days of failures disable it.
    const disabledAt = new Date(Date.now() - 60_000);
    await db.webhookEndpoint.update({
      where: { id: failing.id },
      data: { enabled: false, disabledAt, disabledReason: "Every delivery failed for 5 days." },
    });
    const { data } = await producedOnce(team, listener, "webhook_endpoint_disabled", {
      subjectType: "webhook_endpoint",
      subjectId: failing.id,
      occurrence: disabledAt.toISOString(),
    });
    expect(data).toMatchObject({ url: failing.url });
    const [view] = await listOpenNotices({ id: team.id, timeZone: "UTC" }, owner.id);
    expect(view).toMatchObject({
      title: `Webhook endpoint ${failing.url} was disabled`,
      href: `/developers/webhooks/${failing.id}`,
    });
    expect(view?.text).toMatch(/^Every delivery failed for 5 days\. It was turned off /);
    // Enabled again (the dashboard's path): resolved.
    await updateEndpoint({ teamId: team.id, actor }, failing.id, { enabled: true });
    expect(await produceNotices({ teamId: team.id })).toEqual({ created: 0, resolved: 1 });
    expect(await countOpenNotices(team.id, owner.id)).toBe(0);
    expect(await deliveriesOf(team.id, listener.id, "webhook_endpoint_disabled")).toHaveLength(1);
  });
  it("is recorded in the transaction that disables the endpoint (the worker's path)", async () => {
    const { team, listener } = await teamSubscribedTo("webhook_endpoint_disabled");
    const failing = await db.webhookEndpoint.create({
      data: {
        teamId: team.id,
        url: "https://down.example.invalid/hook",
        eventTypes: ["run.failed"],
        failingSince: new Date(Date.now() - DISABLE_AFTER_MS - 60_000),
      },
    });
    await emitEvent(db, { teamId: team.id, type: "run.failed", data: { run_id: "r1" } });
    const delivery = await db.webhookDelivery.findFirstOrThrow({
      where: { endpointId: failing.id },
    });
    const outcome = await attemptDelivery(delivery.id, {
      send: async () => ({ statusCode: 500, latencyMs: 1, body: "", error: "HTTP 500" }),
      signingKeys: signingKeysFor,
      onDisabled: recordEndpointDisabled,
    });
    await db.$queryRaw`SELECT graphile_worker.remove_job(${JOB_KEY_PREFIX + delivery.id}::text)::text AS id`;
    expect(outcome).toBe("retrying");
    const disabled = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: failing.id } });
    expect(disabled.enabled).toBe(false);
    // Already there, before any producer ran; the producer then finds nothing new.
    const [notice] = await open(team.id, "webhook_endpoint_disabled");
    expect(notice).toMatchObject({
      subjectId: failing.id,
      occurrence: disabled.disabledAt?.toISOString(),
    });
    expect(await deliveriesOf(team.id, listener.id, "webhook_endpoint_disabled")).toHaveLength(1);
    expect(await produceNotices({ teamId: team.id })).toEqual({ created: 0, resolved: 0 });
    expect(await deliveriesOf(team.id, listener.id, "webhook_endpoint_disabled")).toHaveLength(1);
  });
});

describe("signing_secret_previous_expiring", () => {
  it("announces the previous secret's auto-revoke once, resolved when it is revoked", async () => {
    const { team, owner, listener, actor } = await teamSubscribedTo(
      "signing_secret_previous_expiring",
    );
    const who = { teamId: team.id, actor: { ...actor, role: "owner" as const } };
    expect(await produceNotices({ teamId: team.id })).toEqual({ created: 0, resolved: 0 });
    const { previousExpiresAt } = await rotateSigningSecret({ ...who, confirm: "ROTATE" });
    const { notice, data } = await producedOnce(
      team,
      listener,
      "signing_secret_previous_expiring",
      {
        subjectType: "webhook_signing_secret",
        subjectId: team.id,
        occurrence: previousExpiresAt.toISOString(),
      },
    );
    expect(data).toEqual({
      notice_id: notice?.id,
      subject_id: team.id,
      previousExpiresAt: previousExpiresAt.toISOString(),
    });
    const [view] = await listOpenNotices({ id: team.id, timeZone: "UTC" }, owner.id);
    expect(view?.title).toMatch(/^The previous webhook signing secret stops signing \w{3} \d/);
    // Past the expiry instant the condition no longer holds either.
    const later = new Date(previousExpiresAt.getTime() + 1000);
    expect(await produceNotices({ teamId: team.id, now: later })).toEqual({
      created: 0,
      resolved: 1,
    });
    // A second rotation, revoked early: a new occurrence, then resolved by the revoke.
    await rotateSigningSecret({ ...who, confirm: "ROTATE" });
    expect(await produceNotices({ teamId: team.id })).toEqual({ created: 1, resolved: 0 });
    await revokePreviousSigningSecret(who);
    expect(await produceNotices({ teamId: team.id })).toEqual({ created: 0, resolved: 1 });
    expect(await countOpenNotices(team.id, owner.id)).toBe(0);
  });
});

/** A queued run in execution mode `agent`, waiting for an agent of the pool. */
const queueAgentRun = (site: { id: string; teamId: string }, pool: { id: string }) =>
  db.run.create({
    data: {
      teamId: site.teamId,
      siteId: site.id,
      source: "manual",
      executionMode: "agent",
      agentPoolId: pool.id,
    },
  });

describe("agent_offline_with_queued_runs", () => {
  it("announces a pool whose agents went offline while runs wait, until one is back", async () => {
    const { team, owner, listener, actor } = await teamSubscribedTo(
      "agent_offline_with_queued_runs",
    );
    const pool = await createPool(team.id, { name: "office" }, actor);
    const site = await makeSite(team.id);
    const lastSeenAt = new Date(Date.now() - 5 * ONLINE_WINDOW_MS);
    const agent = await db.agent.create({
      data: { teamId: team.id, poolId: pool.id, name: "box-1", lastSeenAt },
    });
    // Offline but nothing queued: nothing to say.
    expect(await produceNotices({ teamId: team.id })).toEqual({ created: 0, resolved: 0 });
    const runs = [await queueAgentRun(site, pool), await queueAgentRun(site, pool)];
    const { data } = await producedOnce(team, listener, "agent_offline_with_queued_runs", {
      subjectType: "agent_pool",
      subjectId: pool.id,
      occurrence: new Date(lastSeenAt.getTime() + ONLINE_WINDOW_MS).toISOString(),
    });
    expect(data).toMatchObject({ poolName: "office", agentName: "box-1", queuedRuns: "2" });
    const [view] = await listOpenNotices({ id: team.id, timeZone: "UTC" }, owner.id);
    expect(view).toMatchObject({
      title: "No agent of pool “office” is online, and runs are waiting",
      href: "/agents",
    });
    expect(view?.text).toMatch(/box-1.*2 queued run/);
    // The agent polls again (online, as /agents counts it): resolved.
    await db.agent.update({ where: { id: agent.id }, data: { lastSeenAt: new Date() } });
    expect(await produceNotices({ teamId: team.id })).toEqual({ created: 0, resolved: 1 });
    // It drops out again: a new occurrence; then the runs are no longer queued: resolved.
    const later = new Date(Date.now() + 2 * ONLINE_WINDOW_MS);
    expect(await produceNotices({ teamId: team.id, now: later })).toEqual({
      created: 1,
      resolved: 0,
    });
    await db.run.updateMany({
      where: { id: { in: runs.map((r) => r.id) } },
      data: { status: "cancelled" },
    });
    expect(await produceNotices({ teamId: team.id, now: later })).toEqual({
      created: 0,
      resolved: 1,
    });
    expect(await deliveriesOf(team.id, listener.id, "agent_offline_with_queued_runs")).toHaveLength(
      2,
    );
  });

  it("says nothing while an agent of the pool is online, or for a revoked one", async () => {
    const { team, actor } = await teamSubscribedTo("agent_offline_with_queued_runs");
    const pool = await createPool(team.id, { name: "busy" }, actor);
    const site = await makeSite(team.id);
    await db.agent.create({
      data: { teamId: team.id, poolId: pool.id, name: "gone", lastSeenAt: new Date(0) },
    });
    const online = await db.agent.create({
      data: { teamId: team.id, poolId: pool.id, name: "up", lastSeenAt: new Date() },
    });
    await queueAgentRun(site, pool);
    expect(await produceNotices({ teamId: team.id })).toEqual({ created: 0, resolved: 0 });
    // Revoked, it no longer counts as online; the offline one is then the last seen.
    await db.agent.update({ where: { id: online.id }, data: { revokedAt: new Date() } });
    expect(await produceNotices({ teamId: team.id })).toEqual({ created: 1, resolved: 0 });
    const [n] = await open(team.id, "agent_offline_with_queued_runs");
    expect(n?.data).toMatchObject({ agentName: "gone" });
  });
});
