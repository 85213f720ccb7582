// POST /api/trigger/ci and the Agent API's 401, through the real route handlers and PostgreSQL.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as listAgentRuns } from "@/app/agent/runs/route";
import { POST as trigger } from "@/app/api/trigger/ci/route";
import { POST as startApiRun } from "@/app/api/v1/runs/route";
import { resetCiKeyThrottles } from "@/lib/credentials/ci-keys/authenticate";
import { revokeKey } from "@/lib/credentials/ci-keys/manage-key";
import { rotateKey } from "@/lib/credentials/ci-keys/rotate-key";
import { db } from "@/lib/db";
import { formatKey, randomBody } from "@/lib/credentials/material/key-material";
import { cancelRun } from "@/lib/runs/cancel";
import { makeSite } from "@/test/fixtures";
import { bearerFor, call, snapshot, teamWithKey } from "@/test/machine-api";

const TRIGGER = "/api/trigger/ci";
const HOUR = 60 * 60 * 1000;

function triggerWith(headers: Record<string, string>, body: unknown) {
  return call(trigger, "POST", TRIGGER, { headers, body });
}

afterEach(() => {
  vi.useRealTimers();
});

describe("POST /api/trigger/ci", () => {
  let t: Awaited<ReturnType<typeof teamWithKey>>;
  beforeAll(async () => {
    t = await teamWithKey("Trigger");
  });

  it("admits a run with source ci, stores the CI metadata and answers 202 with its URL", async () => {
    const body = {
      site_id: t.site.id,
      commit_sha: "0123456789abcdef0123456789abcdef01234567",
      branch: "main",
      repository: "acme/web",
      run_url: "https://github.com/acme/web/actions/runs/42",
      environment: "production",
      execution_mode: "cloud",
    };
    const res = await triggerWith({ "x-ci-api-key": t.secret }, body);
    expect(res.status).toBe(202);
    const json = (await res.json()) as { run_id: string; status: string; url: string };
    expect(json).toEqual({
      run_id: expect.any(String),
      status: "queued",
      url: `http://localhost:3000/runs/${json.run_id}`,
    });
    const run = await db.run.findUniqueOrThrow({ where: { id: json.run_id } });
    expect(run).toMatchObject({
      teamId: t.team.id,
      siteId: t.site.id,
      source: "ci",
      ciApiKeyId: t.keyId,
      commitSha: body.commit_sha,
      branch: "main",
      repository: "acme/web",
      runUrl: body.run_url,
      environment: "production",
      executionMode: "cloud",
    });
    await cancelRun(t.team.id, run.id);
  });

  it("accepts the key as Authorization: Bearer too", async () => {
    const res = await triggerWith({ authorization: `Bearer ${t.secret}` }, { site_id: t.site.id });
    expect(res.status).toBe(202);
    const { run_id } = (await res.json()) as { run_id: string };
    await cancelRun(t.team.id, run_id);
  });

  it("answers 400 with field errors for an invalid body, and creates nothing", async () => {
    const before = await db.run.count({ where: { teamId: t.team.id } });
    const cases: [unknown, string][] = [
      [{}, "site_id"],
      [{ site_id: t.site.id, commit_sha: "not hex!" }, "commit_sha"],
      [{ site_id: t.site.id, environment: "x".repeat(101) }, "environment"],
      [{ site_id: t.site.id, run_url: "javascript:alert(1)" }, "run_url"],
      [{ site_id: t.site.id, execution_mode: "moon" }, "execution_mode"],
      [{ site_id: t.site.id, branch: 42 }, "branch"],
      [{ site_id: t.site.id, surprise: true }, "_"],
      [[1, 2], "_"],
    ];
    for (const [body, field] of cases) {
      const res = await triggerWith({ "x-ci-api-key": t.secret }, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const json = (await res.json()) as { error: { code: string; fields?: object } };
      expect(json.error.code).toBe("invalid_request");
      expect(Object.keys(json.error.fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    const broken = await triggerWith({ "x-ci-api-key": t.secret }, "{ not json");
    expect(broken.status).toBe(400);
    expect(await db.run.count({ where: { teamId: t.team.id } })).toBe(before);
  });

  it("answers 413 past 16 KiB and 415 for a body that is not JSON", async () => {
    const big = { site_id: t.site.id, branch: "x".repeat(17 * 1024) };
    const tooLarge = await triggerWith({ "x-ci-api-key": t.secret }, big);
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: { code: string } }).error.code).toBe(
      "payload_too_large",
    );
    // A lying Content-Length does not help: the bytes read are counted.
    const chunked = await call(trigger, "POST", TRIGGER, {
      headers: { "x-ci-api-key": t.secret, "content-length": "10" },
      body: big,
    });
    expect(chunked.status).toBe(413);
    const form = await call(trigger, "POST", TRIGGER, {
      headers: { "x-ci-api-key": t.secret, "content-type": "text/plain" },
      body: `site_id=${t.site.id}`,
    });
    expect(form.status).toBe(415);
    const none = await call(trigger, "POST", TRIGGER, { headers: { "x-ci-api-key": t.secret } });
    expect(none.status).toBe(415);
  });

  it("answers 404 for a site of another team or none, and for an unknown agent pool", async () => {
    const other = await teamWithKey("Other");
    for (const site_id of [other.site.id, "doesnotexist", "c".repeat(25)]) {
      const res = await triggerWith({ "x-ci-api-key": t.secret }, { site_id });
      expect(res.status).toBe(404);
    }
    const agent = await triggerWith(
      { "x-ci-api-key": t.secret },
      { site_id: t.site.id, execution_mode: "agent", agent_pool_id: "pool_1" },
    );
    expect(agent.status).toBe(404);
    // A site row pointing at a pool that no longer exists (sites refuse unknown pools on save).
    const agentSite = await db.site.update({
      where: { id: (await makeSite(t.team.id, { name: "Private" })).id },
      data: { executionMode: "agent", agentPoolId: "pool_1" },
    });
    const bySite = await triggerWith({ "x-ci-api-key": t.secret }, { site_id: agentSite.id });
    expect(bySite.status).toBe(404);
    expect(await db.run.count({ where: { siteId: { in: [other.site.id, agentSite.id] } } })).toBe(
      0,
    );
  });
});

describe("the 401 matrix through POST /api/trigger/ci and GET /agent/runs", () => {
  it("answers missing, empty, malformed, bad checksum, unknown, expired, revoked and rotated-away keys identically", async () => {
    resetCiKeyThrottles();
    const live = await teamWithKey("Matrix");
    const rotatedAway = live.secret;
    const rotated = await rotateKey({
      teamId: live.team.id,
      keyId: live.keyId,
      confirm: "ROTATE",
      actor: { userId: live.owner.id, label: "owner", role: "owner" as const },
    });
    const revoked = await teamWithKey("Revoked");
    await revokeKey({
      teamId: revoked.team.id,
      keyId: revoked.keyId,
      actor: { userId: revoked.owner.id, label: "owner" },
    });
    // Expires in an hour; the clock is moved past it below.
    const expiring = await teamWithKey("Expiring", {
      currentPeriodEnd: new Date(Date.now() + HOUR),
    });
    const good = rotated.secret;
    const badChecksum = good.slice(0, -6) + (good.endsWith("000000") ? "000001" : "000000");
    const cases: Record<string, Record<string, string>> = {
      missing: {},
      empty: { "x-ci-api-key": "" },
      "empty bearer": { authorization: "Bearer " },
      malformed: { "x-ci-api-key": "hello" },
      "bad checksum": { "x-ci-api-key": badChecksum },
      unknown: { "x-ci-api-key": formatKey("ci", randomBody()) },
      revoked: { "x-ci-api-key": revoked.secret },
      "revoked as bearer": { authorization: `Bearer ${revoked.secret}` },
      "rotated away": { "x-ci-api-key": rotatedAway },
    };

    const siteOf: Record<string, string> = {
      revoked: revoked.site.id,
      "revoked as bearer": revoked.site.id,
    };
    const answers: { name: string; snap: Awaited<ReturnType<typeof snapshot>> }[] = [];
    const ask = async (name: string, headers: Record<string, string>, site = live.site.id) => {
      answers.push({
        name: `trigger ${name}`,
        snap: await snapshot(await triggerWith(headers, { site_id: site })),
      });
      answers.push({
        name: `agent ${name}`,
        snap: await snapshot(await call(listAgentRuns, "GET", "/agent/runs?limit=1", { headers })),
      });
    };
    for (const [name, headers] of Object.entries(cases)) await ask(name, headers, siteOf[name]);

    // The expiring key works now…
    expect(
      (await triggerWith({ "x-ci-api-key": expiring.secret }, { site_id: expiring.site.id }))
        .status,
    ).toBe(202);
    // …and not once the clock is past its subscription's period end.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() + 2 * HOUR));
    await ask("expired", { "x-ci-api-key": expiring.secret }, expiring.site.id);
    vi.useRealTimers();

    expect(answers).toHaveLength(20);
    const first = answers[0]?.snap;
    expect(first?.status).toBe(401);
    expect(JSON.parse(first?.body ?? "{}")).toEqual({
      error: { code: "unauthorized", message: expect.stringContaining("x-ci-api-key") },
    });
    expect(first?.headers).toContainEqual(["www-authenticate", 'Bearer realm="signal-diff"']);
    for (const { name, snap } of answers) expect(snap, name).toEqual(first);

    // None of them started anything; the working key still does.
    expect(await db.run.count({ where: { siteId: { in: [live.site.id, revoked.site.id] } } })).toBe(
      0,
    );
    expect((await triggerWith({ "x-ci-api-key": good }, { site_id: live.site.id })).status).toBe(
      202,
    );
  });
});

describe("concurrency through the API", () => {
  it("admits exactly 3 of 50 parallel triggers on a paid team; after period end the key is 401 and the limit is 1", async () => {
    const t = await teamWithKey("Busy", { currentPeriodEnd: new Date(Date.now() + HOUR) });
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        triggerWith({ "x-ci-api-key": t.secret }, { site_id: t.site.id, branch: "main" }),
      ),
    );
    const accepted = answers.filter((r) => r.status === 202);
    const limited = answers.filter((r) => r.status === 429);
    expect(accepted).toHaveLength(3);
    expect(limited).toHaveLength(47);
    for (const res of limited) {
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("rate_limited");
      expect(error.message).toContain("3 of 3 crawls running");
      expect(error.message).toContain("See Plans and limits: http://localhost:3000/pricing");
    }
    expect(
      await db.run.count({ where: { teamId: t.team.id, status: { in: ["queued", "running"] } } }),
    ).toBe(3);
    expect(await db.run.count({ where: { teamId: t.team.id } })).toBe(3);

    const runs = await db.run.findMany({ where: { teamId: t.team.id }, select: { id: true } });
    for (const r of runs) await cancelRun(t.team.id, r.id);

    // Past the subscription's period end: the key is refused and the team is on Free (1).
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() + 2 * HOUR));
    const expired = await triggerWith({ "x-ci-api-key": t.secret }, { site_id: t.site.id });
    expect(expired.status).toBe(401);
    const { token } = await bearerFor(t.team.id, ["runs:write"]);
    const starts = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(startApiRun, "POST", "/api/v1/runs", {
          headers: { authorization: `Bearer ${token}` },
          body: { site_id: t.site.id },
        }),
      ),
    );
    vi.useRealTimers();
    expect(starts.filter((r) => r.status === 202)).toHaveLength(1);
    const refused = starts.filter((r) => r.status === 429);
    expect(refused).toHaveLength(9);
    const { error } = (await refused[0]?.json()) as { error: { message: string } };
    expect(error.message).toContain("1 of 1 crawls running");
  });
});
