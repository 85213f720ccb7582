// signaldiff trigger in agent mode end to end: the committed CLI bundle run with plain node,
// the machine API over real HTTP (test/cli-stack.ts), and a REAL agent process
// (bin/signaldiff-agent.mjs, enrolled with an sce_ token into the CLI team's pool) crawling the
// local site. The verdicts, counts and changed pages the CLI prints come from the agent's runs;
// the stack's cloud worker never takes them.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ROOT,
  runNode,
  startCliStack,
  userEnv,
  type CliResult,
  type CliStack,
  type TriggerJson,
} from "@/test/cli-stack";

const CLI = "cli/signaldiff.mjs";

let stack: CliStack;
let team: Awaited<ReturnType<CliStack["teamWithKey"]>>;
let site: { id: string };
let pool: { id: string };
let enrollToken = "";
let stateDir = "";
let agent: { child: ChildProcess; lines: string[]; exit: Promise<number | null> } | null = null;
const outputs: CliResult[] = [];

beforeAll(async () => {
  stack = await startCliStack();
  // Imported after the stack has pointed DATABASE_URL at its own database.
  const { createPool } = await import("@/lib/credentials/agents/pools");
  const { createEnrollmentToken } = await import("@/lib/credentials/agents/enrollment");
  team = await stack.teamWithKey("CLI agents");
  site = await stack.makeSite(team.team.id, {
    name: "Behind the firewall",
    startUrl: `${stack.site.url}/v/`,
  });
  pool = await createPool(team.team.id, { name: "office" }, { label: "test" });
  enrollToken = (await createEnrollmentToken(team.team.id, pool.id, { label: "test" })).token;
  expect(enrollToken).toMatch(/^sce_/);

  stateDir = mkdtempSync(path.join(os.tmpdir(), "signaldiff-cli-agent-"));
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, "bin/signaldiff-agent.mjs"),
      "--url",
      stack.origin,
      "--enroll",
      enrollToken,
      "--state-dir",
      stateDir,
      "--log",
      "json",
      "--name",
      "office-1",
      "--grace-ms",
      "500",
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  const lines: string[] = [];
  for (const s of [child.stdout, child.stderr])
    s.on("data", (d: Buffer) => lines.push(...d.toString().split("\n").filter(Boolean)));
  const exit = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  agent = { child, lines, exit };
  const end = Date.now() + 45_000;
  while (!lines.some((l) => l.includes("waiting for work"))) {
    if (Date.now() > end) throw new Error(`agent did not start:\n${lines.join("\n")}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 120_000);

afterAll(async () => {
  for (const o of outputs) expect(`${o.stdout}${o.stderr}`).not.toContain(team.secret);
  if (agent) {
    agent.child.kill("SIGTERM");
    expect(await agent.exit).toBe(0);
    expect(agent.lines.join("\n")).not.toContain(enrollToken);
  }
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  await stack?.stop();
}, 60_000);

async function cli(args: string[]) {
  const env = userEnv({
    SIGNALDIFF_API_BASE_URL: stack.origin,
    SIGNALDIFF_CI_API_KEY: team.secret,
  });
  const result = await runNode(CLI, args, env);
  outputs.push(result);
  return result;
}

const agentTrigger = (...extra: string[]) => [
  "trigger",
  "--site",
  site.id,
  "--execution-mode",
  "agent",
  "--pool",
  pool.id,
  "--wait",
  "--json",
  ...extra,
];

describe("signaldiff trigger --execution-mode agent --pool", () => {
  it("runs on the enrolled agent: baseline exit 0, then a change with --fail-on-changes exits 1", async () => {
    stack.state.version = 1;
    const first = await cli(agentTrigger("--timeout", "60s"));
    expect(first.code, first.stderr).toBe(0);
    const baseline = JSON.parse(first.stdout) as TriggerJson;
    expect(baseline).toMatchObject({
      status: "succeeded",
      verdict: "no_changes",
      exit_code: 0,
      changed_pages: [],
      counts: { planned: 3, done: 3, changed: 0, errored: 0 },
    });
    expect(baseline.run).toMatchObject({
      id: baseline.run_id,
      execution_mode: "agent",
      agent_pool_id: pool.id,
      site: { id: site.id },
    });
    // The agent process took it (its log names the run), not the stack's cloud worker.
    const stored = await stack.db.run.findUniqueOrThrow({ where: { id: baseline.run_id } });
    expect(stored.workerId).toMatch(/^agent:/);
    expect(agent?.lines.some((l) => l.includes(baseline.run_id))).toBe(true);

    stack.state.version = 2;
    const second = await cli(agentTrigger("--fail-on-changes", "--timeout", "60s"));
    expect(second.code, second.stderr).toBe(1);
    const changed = JSON.parse(second.stdout) as TriggerJson;
    expect(changed).toMatchObject({
      status: "succeeded",
      verdict: "changes",
      exit_code: 1,
      counts: { planned: 3, done: 3, changed: 1, added: 1, removed: 1 },
    });
    expect(changed.run).toMatchObject({ execution_mode: "agent", agent_pool_id: pool.id });
    expect(changed.changed_pages.map((p) => [p.change, p.url])).toEqual([
      ["changed", `${stack.site.url}/v/`],
      ["added", `${stack.site.url}/v/only-2`],
      ["removed", `${stack.site.url}/v/only-1`],
    ]);
    const again = await stack.db.run.findUniqueOrThrow({ where: { id: changed.run_id } });
    expect(again.workerId).toMatch(/^agent:/);
    const diff = await stack.db.runPage.findFirstOrThrow({
      where: { runId: changed.run_id, change: "changed" },
    });
    expect(diff.diff).toContain("+Version 2");

    // Without --json: the verdict line and the changed page, as a CI log shows them.
    stack.state.version = 3;
    const text = await cli(agentTrigger("--fail-on-changes").filter((a) => a !== "--json"));
    expect(text.code, text.stderr).toBe(1);
    expect(text.stdout).toContain("Changes found: 1 changed, 1 added, 1 removed (3 pages crawled)");
    expect(text.stdout).toMatch(
      new RegExp(`changed\\s+${stack.site.url}/v/\\s+\\(Versioned home\\)`),
    );
  }, 120_000);

  it("agent mode without --pool on a site that has no pool: the API's 400 names it, exit 5", async () => {
    const before = await stack.db.run.count({ where: { siteId: site.id } });
    const res = await cli(["trigger", "--site", site.id, "--execution-mode", "agent", "--wait"]);
    expect(res.code).toBe(5);
    expect(res.stderr).toContain('execution_mode "agent" needs an agent pool');
    expect(res.stderr).toContain("(HTTP 400, invalid_request)");
    expect(await stack.db.run.count({ where: { siteId: site.id } })).toBe(before);
  });

  it("--pool without agent mode is a usage error, exit 5, before any request", async () => {
    const before = stack.hits.get("POST /api/trigger/ci") ?? 0;
    const res = await cli(["trigger", "--site", site.id, "--pool", pool.id]);
    expect(res.code).toBe(5);
    expect(res.stderr).toContain("--pool <id> goes with --execution-mode agent.");
    expect(stack.hits.get("POST /api/trigger/ci") ?? 0).toBe(before);
  });

  it("without --pool on a site whose default is agent mode with a pool: that pool's agent runs it", async () => {
    const { updateSite } = await import("@/lib/sites/sites");
    await updateSite(team.team.id, site.id, {
      name: "Behind the firewall",
      startUrl: `${stack.site.url}/v/`,
      executionMode: "agent",
      agentPoolId: pool.id,
    });
    const res = await cli(["trigger", "--site", site.id, "--wait", "--json", "--timeout", "60s"]);
    expect(res.code, res.stderr).toBe(0);
    const json = JSON.parse(res.stdout) as TriggerJson;
    expect(json).toMatchObject({ status: "succeeded", verdict: "no_changes" });
    expect(json.run).toMatchObject({ execution_mode: "agent", agent_pool_id: pool.id });
    const stored = await stack.db.run.findUniqueOrThrow({ where: { id: json.run_id } });
    expect(stored.workerId).toMatch(/^agent:/);
  }, 60_000);
});
