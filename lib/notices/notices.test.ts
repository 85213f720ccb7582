// Notices against PostgreSQL: the scheduled producer records each condition once (run twice, run
// concurrently, run through graphile-worker's queue), resolves what no longer holds, and a
// dismissal hides a notice from one person only.
import { parseCrontab, runOnce } from "graphile-worker";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { createKeyForSubscription } from "@/lib/credentials/ci-keys/create-key";
import { makeSubscription, makeTeam, makeUser } from "@/test/fixtures";
import { countOpenNotices, dismissNotice, listNotices, listOpenNotices } from "./list-notices";
import { produceNotices } from "./produce-notices";
import { recordNotice } from "./record-notice";
import { NOTICES_CRONTAB, PRODUCE_NOTICES_TASK, produceNoticesTask } from "./task";

const DAY = 24 * 60 * 60 * 1000;
const inDays = (n: number) => new Date(Date.now() + n * DAY);

/** A team with one of each condition, and one renewing key that must not be announced. */
async function teamWithConditions() {
  const { owner, team } = await makeTeam("Notices");
  const actor = { userId: owner.id, label: "owner" };
  const trial = await makeSubscription(team.id, {
    status: "trialing",
    trialEnd: inDays(3),
    currentPeriodEnd: inDays(3),
  });
  await createKeyForSubscription(team.id, trial.id, actor, { label: "trial key" });
  const ending = await makeSubscription(team.id, { currentPeriodEnd: inDays(2) });
  await db.subscription.update({ where: { id: ending.id }, data: { cancelAtPeriodEnd: true } });
  const endingKey = await createKeyForSubscription(team.id, ending.id, actor, {
    label: "ending key",
  });
  const renewing = await makeSubscription(team.id, { currentPeriodEnd: inDays(2) });
  await createKeyForSubscription(team.id, renewing.id, actor, { label: "renewing key" });
  const lapsed = await makeSubscription(team.id, { currentPeriodEnd: inDays(-1) });
  const lapsedKey = await db.ciApiKey.create({
    data: {
      teamId: team.id,
      subscriptionId: lapsed.id,
      label: "lapsed key",
      prefix: "sck_lapsed",
      secretHash: `lapsed-${team.id}`,
    },
  });
  return { owner, team, trial, ending, endingKey, lapsedKey };
}

const kindsOf = async (teamId: string) =>
  (await db.notice.findMany({ where: { teamId }, orderBy: { kind: "asc" } })).map((n) => [
    n.kind,
    n.eventType,
  ]);

describe("the notice producer", () => {
  it("records each condition once, however often and concurrently it runs", async () => {
    const { team, owner } = await teamWithConditions();
    const first = await produceNotices({ teamId: team.id });
    expect(first.created).toBe(3);
    expect(await kindsOf(team.id)).toEqual([
      ["trial_ending", "subscription.trial_will_end"],
      ["ci_key_expiring", "ci_key.expiring"],
      ["ci_key_expired", "ci_key.expired"],
    ]);
    expect(await produceNotices({ teamId: team.id })).toEqual({ created: 0, resolved: 0 });
    await Promise.all([1, 2, 3].map(() => produceNotices({ teamId: team.id })));
    expect(await db.notice.count({ where: { teamId: team.id } })).toBe(3);
    expect(await countOpenNotices(team.id, owner.id)).toBe(3);
    // The unique key itself refuses a second row for the same condition.
    const [n] = await db.notice.findMany({ where: { teamId: team.id }, take: 1 });
    if (!n) throw new Error("no notice");
    await expect(
      db.notice.create({
        data: {
          teamId: n.teamId,
          kind: n.kind,
          eventType: n.eventType,
          subjectType: n.subjectType,
          subjectId: n.subjectId,
          occurrence: n.occurrence,
          data: {},
        },
      }),
    ).rejects.toThrow();
    const again = await recordNotice({
      teamId: n.teamId,
      kind: n.kind,
      subjectId: n.subjectId,
      occurrence: n.occurrence,
      data: {},
    });
    expect(again).toMatchObject({ created: false, notice: { id: n.id } });
  });

  it("runs as a graphile-worker job: queued twice, one notice per condition", async () => {
    const { team } = await teamWithConditions();
    const [item] = parseCrontab(NOTICES_CRONTAB);
    expect(item?.task).toBe(PRODUCE_NOTICES_TASK);
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const [job] = await db.$queryRaw<{ id: string }[]>`
        SELECT (graphile_worker.add_job(${PRODUCE_NOTICES_TASK}::text)).id::text AS id`;
      if (job) ids.push(job.id);
    }
    const connectionString = process.env.DATABASE_URL;
    // Only this task: runOnce takes no other file's jobs from the shared queue.
    await runOnce({
      connectionString,
      taskList: { [PRODUCE_NOTICES_TASK]: produceNoticesTask },
      logger: (await import("@/lib/runs/queue")).quietLogger(),
    });
    expect(await db.notice.count({ where: { teamId: team.id } })).toBe(3);
    // This test's two jobs are done. Other test files' workers share this queue (and their cron
    // may add a job of this task at any moment), so only these ids are checked; one a worker of
    // another file took first is awaited, bounded.
    await vi.waitFor(
      async () => {
        const left = await db.$queryRaw<{ n: bigint }[]>`
          SELECT count(*) AS n FROM graphile_worker.jobs WHERE id::text = ANY(${ids}::text[])`;
        expect(Number(left[0]?.n)).toBe(0);
      },
      { timeout: 10_000, interval: 100 },
    );
  });

  it("resolves a notice whose condition stopped holding, and records a new occurrence anew", async () => {
    const { team, owner, trial, ending } = await teamWithConditions();
    await produceNotices({ teamId: team.id });
    // The trial converted; the cancelled subscription was resumed and renewed.
    await db.subscription.update({ where: { id: trial.id }, data: { status: "active" } });
    await db.subscription.update({
      where: { id: ending.id },
      data: { cancelAtPeriodEnd: false, currentPeriodEnd: inDays(30) },
    });
    expect(await produceNotices({ teamId: team.id })).toEqual({ created: 0, resolved: 2 });
    expect(await countOpenNotices(team.id, owner.id)).toBe(1);
    // Cancelled again for a later end: a new occurrence, a new notice.
    await db.subscription.update({
      where: { id: ending.id },
      data: { cancelAtPeriodEnd: true, currentPeriodEnd: inDays(5) },
    });
    expect(await produceNotices({ teamId: team.id })).toEqual({ created: 1, resolved: 0 });
    expect(await db.notice.count({ where: { teamId: team.id, kind: "ci_key_expiring" } })).toBe(2);
  });

  it("reads in words, in the team's time zone, without the key's secret", async () => {
    const { team, owner } = await teamWithConditions();
    await produceNotices({ teamId: team.id });
    const open = await listOpenNotices({ id: team.id, timeZone: "Europe/Paris" }, owner.id, 10);
    const titles = open.map((n) => n.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Trial ends /),
        expect.stringMatching(/^CI API key “ending key” expires /),
        "CI API key “lapsed key” expired",
      ]),
    );
    for (const n of open) expect(n.href).toMatch(/^\//);
  });
});

describe("dismissing a notice", () => {
  it("hides it for that person only, and only within the notice's team", async () => {
    const { team, owner } = await teamWithConditions();
    const colleague = await makeUser("colleague");
    await db.membership.create({ data: { teamId: team.id, userId: colleague.id, role: "member" } });
    await produceNotices({ teamId: team.id });
    const [first] = await listOpenNotices({ id: team.id, timeZone: "UTC" }, owner.id);
    if (!first) throw new Error("no notice");
    await dismissNotice({ teamId: team.id, userId: owner.id, noticeId: first.id });
    await dismissNotice({ teamId: team.id, userId: owner.id, noticeId: first.id });
    expect(await countOpenNotices(team.id, owner.id)).toBe(2);
    expect(await countOpenNotices(team.id, colleague.id)).toBe(3);
    const all = await listNotices({ id: team.id, timeZone: "UTC" }, owner.id);
    expect(all.find((n) => n.id === first.id)?.dismissed).toBe(true);
    // Another team cannot dismiss (or learn about) it.
    const other = await makeTeam("Other");
    await expect(
      dismissNotice({ teamId: other.team.id, userId: other.owner.id, noticeId: first.id }),
    ).rejects.toThrow(/not in this team/);
    // Still produced once: a dismissal does not make the producer record it again.
    await produceNotices({ teamId: team.id });
    expect(await countOpenNotices(team.id, owner.id)).toBe(2);
  });
});
