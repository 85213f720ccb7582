// The signaldiff CLI and the GitHub Action end to end: the committed bundles run with plain node
// against the machine API over real HTTP, a real database and a crawl worker crawling a local
// site (test/cli-stack.ts). Verdicts and exit codes for no changes, changes with and without
// --fail-on-changes, a failed run, a refused key, the concurrency limit, and the --json shapes.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import {
  ROOT,
  runNode,
  runProgram,
  startCliStack,
  userEnv,
  type CliResult,
  type CliStack,
  type TriggerJson,
} from "@/test/cli-stack";

const CLI = "cli/signaldiff.mjs";
const hasScript = spawnSync("script", ["--version"]).status === 0;
const ACTION = "github-action/entry.mjs";

let stack: CliStack;
let team: Awaited<ReturnType<CliStack["teamWithKey"]>>;
let versioned: { id: string };
let still: { id: string };
const outputs: CliResult[] = [];

beforeAll(async () => {
  stack = await startCliStack();
  team = await stack.teamWithKey("CLI");
  versioned = await stack.makeSite(team.team.id, {
    name: "Versioned",
    startUrl: `${stack.site.url}/v/`,
  });
  still = await stack.makeSite(team.team.id, {
    name: "Still",
    startUrl: `${stack.site.url}/still/`,
  });
}, 120_000);

afterAll(async () => {
  // No output of any command, on any stream, ever contained the key.
  for (const o of outputs) expect(`${o.stdout}${o.stderr}`).not.toContain(team.secret);
  await stack?.stop();
});

async function cli(args: string[], extra: Record<string, string | undefined> = {}, stdin?: string) {
  const env = userEnv({
    SIGNALDIFF_API_BASE_URL: stack.origin,
    SIGNALDIFF_CI_API_KEY: team.secret,
    ...extra,
  });
  const result = await runNode(CLI, args, env, stdin);
  outputs.push(result);
  return result;
}

describe("signaldiff trigger --wait", () => {
  it("first run (baseline) and an unchanged site: no changes, exit 0", async () => {
    const first = await cli(["trigger", "--site", still.id, "--wait", "--fail-on-changes"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("No changes: 2 pages crawled, 0 changed");
    expect(first.stderr).toMatch(/Started run \w+ \(queued\)/);
    // Not a terminal: plain progress lines, one per status at least.
    expect(first.stderr).toMatch(/succeeded · 2\/2 pages · 0 changed so far/);

    const second = await cli([
      "trigger",
      "--site",
      still.id,
      "--wait",
      "--fail-on-changes",
      "--commit",
      "0123456789abcdef",
      "--branch",
      "main",
      "--environment",
      "staging",
      "--json",
    ]);
    expect(second.code).toBe(0);
    const json = JSON.parse(second.stdout) as TriggerJson;
    expect(Object.keys(json).sort()).toEqual(
      [
        "changed_pages",
        "counts",
        "error",
        "exit_code",
        "run",
        "run_id",
        "status",
        "url",
        "verdict",
      ].sort(),
    );
    expect(json).toMatchObject({
      status: "succeeded",
      verdict: "no_changes",
      exit_code: 0,
      changed_pages: [],
      error: null,
      counts: { planned: 2, done: 2, changed: 0, added: 0, removed: 0, unchanged: 2, errored: 0 },
    });
    expect(json.url).toBe(`${stack.origin}/runs/${json.run_id}`);
    expect(json.run).toMatchObject({
      id: json.run_id,
      source: "ci",
      commit_sha: "0123456789abcdef",
      branch: "main",
      environment: "staging",
      site: { id: still.id, name: "Still" },
    });
    expect(json.run).not.toHaveProperty("pages");
  }, 60_000);

  it("changes without --fail-on-changes: exit 0 and the changed pages listed", async () => {
    stack.state.version = 1;
    const baseline = await cli(["trigger", "--site", versioned.id, "--wait"]);
    expect(baseline.code, baseline.stderr).toBe(0);
    stack.state.version = 2;
    const res = await cli(["trigger", "--site", versioned.id, "--wait"]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain("Changes found: 1 changed, 1 added, 1 removed (3 pages crawled)");
    expect(res.stdout).toMatch(
      new RegExp(`changed\\s+${stack.site.url}/v/\\s+\\(Versioned home\\)`),
    );
    expect(res.stdout).toMatch(new RegExp(`added\\s+${stack.site.url}/v/only-2`));
    expect(res.stdout).toMatch(new RegExp(`removed\\s+${stack.site.url}/v/only-1`));
    expect(res.stdout).toMatch(/Run: http:\/\/127\.0\.0\.1:\d+\/runs\/\w+/);
  }, 60_000);

  it("changes with --fail-on-changes: exit 1, and --json lists changed, added, removed pages", async () => {
    stack.state.version = 3;
    const res = await cli([
      "trigger",
      "--site",
      versioned.id,
      "--wait",
      "--fail-on-changes",
      "--json",
    ]);
    expect(res.code, res.stderr).toBe(1);
    const json = JSON.parse(res.stdout) as TriggerJson;
    expect(json.verdict).toBe("changes");
    expect(json.exit_code).toBe(1);
    expect(json.changed_pages.map((p) => [p.change, p.url])).toEqual([
      ["changed", `${stack.site.url}/v/`],
      ["added", `${stack.site.url}/v/only-3`],
      ["removed", `${stack.site.url}/v/only-2`],
    ]);
    expect(json.changed_pages[0]).toEqual({
      url: `${stack.site.url}/v/`,
      change: "changed",
      title: "Versioned home",
      http_status: 200,
      previous_status: 200,
    });
  }, 60_000);

  it("a failed run: exit 2 with the run's error", async () => {
    const dead = await stack.makeSite(team.team.id, {
      name: "Dead",
      startUrl: "http://127.0.0.1:9/",
    });
    const res = await cli(["trigger", "--site", dead.id, "--wait"]);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stdout).toContain("Run failed.");
    const json = JSON.parse(
      (await cli(["trigger", "--site", dead.id, "--wait", "--json"])).stdout,
    ) as TriggerJson;
    expect(json).toMatchObject({ verdict: "failed", status: "failed", exit_code: 2 });
    expect(json.error).toBeTruthy();
  }, 60_000);

  it.skipIf(!hasScript)(
    "on a terminal: one live progress line rewritten in place",
    async () => {
      // util-linux `script` runs the CLI on a pseudo-terminal, as a developer's shell would.
      const command = `node ${JSON.stringify(path.join(ROOT, CLI))} trigger --site ${still.id} --wait`;
      const res = await runProgram("script", ["-qec", command, "/dev/null"], {
        SIGNALDIFF_API_BASE_URL: stack.origin,
        SIGNALDIFF_CI_API_KEY: team.secret,
      });
      outputs.push(res);
      expect(res.code, res.stdout).toBe(0);
      expect(res.stdout).toMatch(
        /\r\x1b\[2K\S+ (queued|running|succeeded) · \d+(\/\d+)? pages · 0 changed so far/,
      );
      expect(res.stdout).toContain("No changes: 2 pages crawled, 0 changed");
    },
    60_000,
  );

  it("without --wait: starts the run and exits 0 at once", async () => {
    const res = await cli(["trigger", "--site", still.id, "--json"]);
    expect(res.code).toBe(0);
    const json = JSON.parse(res.stdout) as TriggerJson;
    expect(json).toMatchObject({
      status: "queued",
      verdict: "started",
      exit_code: 0,
      counts: null,
      run: null,
    });
    await expectFinished(json.run_id);
  }, 30_000);
});

async function expectFinished(runId: string) {
  for (let i = 0; i < 200; i++) {
    const run = await stack.db.run.findUniqueOrThrow({ where: { id: runId } });
    if (!["queued", "running"].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("run did not finish");
}

describe("refusals", () => {
  it("a bad key: exit 3 for trigger and for the list commands, without printing the key", async () => {
    const wrong = `${team.secret.slice(0, -4)}zzzz`;
    const res = await cli(["trigger", "--site", still.id, "--wait"], {
      SIGNALDIFF_CI_API_KEY: wrong,
    });
    expect(res.code).toBe(3);
    expect(res.stderr).toContain("The CI API key was refused (401)");
    expect(res.stderr).not.toContain(wrong);
    const list = await cli(["runs", "list", "--json"], { SIGNALDIFF_CI_API_KEY: wrong });
    expect(list.code).toBe(3);
    expect(JSON.parse(list.stdout)).toEqual({
      error: {
        code: "unauthorized",
        message: expect.stringContaining("401") as unknown,
        exit_code: 3,
        http_status: 401,
      },
    });
    expect(`${list.stdout}${list.stderr}`).not.toContain(wrong);
  });

  it("the concurrency limit: retried after Retry-After until --timeout, then exit 4", async () => {
    const busy = await stack.teamWithKey("Busy");
    const slow = await stack.makeSite(busy.team.id, { startUrl: `${stack.site.url}/slow/` });
    const held: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await stack.admitRun({ teamId: busy.team.id, siteId: slow.id, source: "manual" });
      if (!r.ok) throw new Error("expected admission");
      held.push(r.run.id);
    }
    try {
      const before = stack.hits.get("POST /api/trigger/ci") ?? 0;
      const started = Date.now();
      const res = await cli(["trigger", "--site", busy.site.id, "--wait", "--timeout", "3s"], {
        SIGNALDIFF_CI_API_KEY: busy.secret,
      });
      expect(res.code, res.stderr).toBe(4);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
      expect(res.stderr).toMatch(
        /Limit reached: 3 of 3 crawls running.*Retrying in 3 s \(the rest of --timeout\)/,
      );
      expect(res.stderr).toMatch(/Still refused after 2 attempts; --timeout ran out/);
      expect((stack.hits.get("POST /api/trigger/ci") ?? 0) - before).toBe(2);
      expect(`${res.stdout}${res.stderr}`).not.toContain(busy.secret);
    } finally {
      for (const id of held) await stack.cancelRun(busy.team.id, id);
    }
  }, 30_000);

  it("agent execution with an unknown pool: the API's 404 is shown plainly, exit 5", async () => {
    const res = await cli([
      "trigger",
      "--site",
      still.id,
      "--execution-mode",
      "agent",
      "--pool",
      "pool_1",
    ]);
    expect(res.code).toBe(5);
    expect(res.stderr).toContain("Agent pool not found");
    expect(res.stderr).toContain("(HTTP 404, not_found)");
  });

  it("bad input is exit 5 and names the problem: unknown site, bad commit, no key, --key", async () => {
    const unknown = await cli(["trigger", "--site", "nope"]);
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toContain("Site not found in this team. (HTTP 404, not_found)");
    const commit = await cli(["trigger", "--site", still.id, "--commit", "xyz"]);
    expect(commit.code).toBe(5);
    expect(commit.stderr).toContain("commit_sha: commit_sha must be a hex commit id");
    const noKey = await cli(["runs", "list"], { SIGNALDIFF_CI_API_KEY: undefined });
    expect(noKey.code).toBe(5);
    expect(noKey.stderr).toContain("Set SIGNALDIFF_CI_API_KEY");
    const keyFlag = await cli(["runs", "list", "--key", team.secret]);
    expect(keyFlag.code).toBe(5);
    expect(keyFlag.stderr).toContain("There is no --key flag");
  });
});

describe("connection settings", () => {
  it("fixes up an origin ending in /api, and reads the key from stdin with --key-stdin", async () => {
    const res = await cli(
      ["sites", "list", "--key-stdin"],
      { SIGNALDIFF_API_BASE_URL: `${stack.origin}/api/`, SIGNALDIFF_CI_API_KEY: undefined },
      `${team.secret}\n`,
    );
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toContain(`SIGNALDIFF_API_BASE_URL ends in /api; using ${stack.origin}`);
    expect(res.stdout).toMatch(/^ID\s+NAME\s+MODE\s+SCHEDULE\s+START URL$/m);
    expect(res.stdout).toContain(versioned.id);
  });
});

describe("hostile origins", () => {
  it("never follows a redirect (the key's header stays home), and masks a key echoed back", async () => {
    const seen: string[] = [];
    const attacker = createServer((req, res) => {
      seen.push(String(req.headers["x-ci-api-key"] ?? ""));
      res.writeHead(200, { "content-type": "application/json" }).end("[]");
    });
    const hostile = createServer((req, res) => {
      req.resume();
      if (req.url?.startsWith("/agent/sites")) {
        const location = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/steal`;
        res.writeHead(307, { location }).end();
        return;
      }
      // Echoes the key it was sent, as a careless proxy or a phishing origin might.
      const key = String(req.headers["x-ci-api-key"]);
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "invalid_request", message: `bad key ${key}` } }));
    });
    for (const server of [attacker, hostile])
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const origin = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
    try {
      const redirected = await cli(["sites", "list"], { SIGNALDIFF_API_BASE_URL: origin });
      expect(redirected.code).toBe(5);
      expect(redirected.stderr).toContain("redirects (HTTP 307");
      expect(seen).toEqual([]);
      for (const args of [
        ["runs", "list"],
        ["runs", "list", "--json"],
        ["trigger", "--site", still.id],
      ]) {
        const echoed = await cli(args, { SIGNALDIFF_API_BASE_URL: origin });
        expect(echoed.code).toBe(5);
        expect(`${echoed.stdout}${echoed.stderr}`).toContain("bad key [redacted]");
        expect(`${echoed.stdout}${echoed.stderr}`).not.toContain(team.secret);
      }
    } finally {
      for (const server of [attacker, hostile]) {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
      }
    }
  });
});

describe("runs and sites", () => {
  it("runs list / show / cancel and sites list, as text and as the API's JSON", async () => {
    const sites = JSON.parse((await cli(["sites", "list", "--json"])).stdout) as {
      data: { id: string }[];
      next_cursor: string | null;
    };
    expect(sites.data.map((s) => s.id)).toEqual(expect.arrayContaining([versioned.id, still.id]));

    const list = await cli(["runs", "list", "--site", versioned.id, "--limit", "2", "--json"]);
    const page = JSON.parse(list.stdout) as {
      data: { id: string; site_id: string }[];
      next_cursor: string;
    };
    expect(page.data).toHaveLength(2);
    expect(page.data.every((r) => r.site_id === versioned.id)).toBe(true);
    expect(page.next_cursor).toBeTruthy();
    const text = await cli(["runs", "list", "--site", versioned.id, "--limit", "2"]);
    expect(text.stdout).toMatch(/^ID\s+STATUS\s+SITE\s+PAGES\s+CHANGES\s+CREATED$/m);
    expect(text.stderr).toContain(`signaldiff runs list --cursor ${page.next_cursor}`);

    const [latest] = page.data;
    const shown = await cli(["runs", "show", latest?.id ?? ""]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`Run ${latest?.id} — succeeded`);
    expect(shown.stdout).toContain("1 changed · 1 added · 1 removed");
    const detail = JSON.parse((await cli(["runs", "show", latest?.id ?? "", "--json"])).stdout) as {
      id: string;
      pages: unknown[];
    };
    expect(detail.id).toBe(latest?.id);
    expect(detail.pages).toHaveLength(4);

    const slow = await stack.makeSite(team.team.id, {
      name: "Slow",
      startUrl: `${stack.site.url}/slow/`,
    });
    const queued = JSON.parse(
      (await cli(["trigger", "--site", slow.id, "--json"])).stdout,
    ) as TriggerJson;
    const cancel = await cli(["runs", "cancel", queued.run_id, "--json"]);
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(JSON.parse(cancel.stdout)).toMatchObject({ id: queued.run_id, status: "cancelled" });
    const again = await cli(["runs", "cancel", queued.run_id]);
    expect(again.code).toBe(5);
    expect(again.stderr).toContain("cannot be cancelled. (HTTP 409, conflict)");
    const missing = await cli(["runs", "show", "nope"]);
    expect(missing.code).toBe(5);
    expect(missing.stderr).toContain("Run not found. (HTTP 404, not_found)");
  }, 60_000);
});

describe("the GitHub Action's entry with a simulated runner", () => {
  function runner() {
    const dir = mkdtempSync(path.join(tmpdir(), "signaldiff-action-"));
    const files = { output: path.join(dir, "output"), summary: path.join(dir, "summary") };
    writeFileSync(files.output, "");
    writeFileSync(files.summary, "");
    const env = {
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_SHA: "89abcdef0123456789abcdef0123456789abcdef",
      GITHUB_REF_NAME: "main",
      GITHUB_REPOSITORY: "acme/web",
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_RUN_ID: "4242",
    };
    return { files, env };
  }

  /** $GITHUB_OUTPUT's `name<<delimiter` blocks as a map. */
  function readOutputs(file: string): Record<string, string> {
    const text = readFileSync(file, "utf8");
    const out: Record<string, string> = {};
    for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm))
      out[m[1] ?? ""] = m[3] ?? "";
    return out;
  }

  async function action(
    inputs: Record<string, string>,
    env: Record<string, string>,
    key = team.secret,
  ) {
    const result = await runNode(
      ACTION,
      [],
      userEnv({
        SIGNALDIFF_API_BASE_URL: stack.origin,
        SIGNALDIFF_CI_API_KEY: key,
        ...env,
        ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k}`, v])),
      }),
    );
    return result;
  }

  it("changes with fail-on-changes: outputs, job summary table, run metadata, exit 1, key masked", async () => {
    stack.state.version = 4;
    const { files, env } = runner();
    const res = await action(
      { SITE_ID: versioned.id, FAIL_ON_CHANGES: "true", TIMEOUT: "2m", ENVIRONMENT: "production" },
      env,
    );
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout.split("\n")[0]).toBe(`::add-mask::${team.secret}`);
    const rest = `${res.stdout.split("\n").slice(1).join("\n")}${res.stderr}`;
    expect(rest).not.toContain(team.secret);
    expect(res.stdout).toMatch(/^::error title=Signal Diff::changes: http/m);
    expect(res.stderr).toMatch(/Started run/);

    const out = readOutputs(files.output);
    expect(out.status).toBe("succeeded");
    expect(out["run-url"]).toBe(`${stack.origin}/runs/${out["run-id"]}`);
    expect(JSON.parse(out["changed-pages"] ?? "")).toEqual([
      { url: `${stack.site.url}/v/`, change: "changed", title: "Versioned home" },
      { url: `${stack.site.url}/v/only-4`, change: "added", title: "Only in 4" },
      { url: `${stack.site.url}/v/only-3`, change: "removed", title: "Only in 3" },
    ]);
    const run = await stack.db.run.findUniqueOrThrow({ where: { id: out["run-id"] } });
    expect(run).toMatchObject({
      source: "ci",
      commitSha: env.GITHUB_SHA,
      branch: "main",
      repository: "acme/web",
      runUrl: "https://github.com/acme/web/actions/runs/4242",
      environment: "production",
    });

    const summary = readFileSync(files.summary, "utf8");
    expect(summary).toContain("## Signal Diff: ⚠️ Changes found");
    expect(summary).toContain("**Site:** Versioned");
    expect(summary).toContain("| Change | Page | HTTP |");
    expect(summary).toContain(
      `| changed | [Versioned home — ${stack.site.url}/v/](${stack.site.url}/v/) | 200 |`,
    );
    expect(summary).toContain(
      `| added | [Only in 4 — ${stack.site.url}/v/only-4](${stack.site.url}/v/only-4) |`,
    );
    expect(summary).toContain(
      `| removed | [Only in 3 — ${stack.site.url}/v/only-3](${stack.site.url}/v/only-3) |`,
    );
    expect(summary).toContain(
      `[Open run ${out["run-id"]} in Signal Diff](${stack.origin}/runs/${out["run-id"]})`,
    );
  }, 60_000);

  it("no changes: exit 0, empty changed-pages, summary says so", async () => {
    const { files, env } = runner();
    const res = await action({ SITE_ID: still.id, WAIT: "true", FAIL_ON_CHANGES: "true" }, env);
    expect(res.code, res.stderr).toBe(0);
    const out = readOutputs(files.output);
    expect(out.status).toBe("succeeded");
    expect(out["changed-pages"]).toBe("[]");
    const summary = readFileSync(files.summary, "utf8");
    expect(summary).toContain("## Signal Diff: ✅ No changes");
    expect(summary).toContain("No page changed since the previous successful run.");
  }, 60_000);

  it("wait false: outputs the queued run at once", async () => {
    const { files, env } = runner();
    const res = await action({ SITE_ID: still.id, WAIT: "false" }, env);
    expect(res.code, res.stderr).toBe(0);
    const out = readOutputs(files.output);
    expect(out.status).toBe("queued");
    expect(out["run-id"]).toBeTruthy();
    expect(readFileSync(files.summary, "utf8")).toContain("## Signal Diff: 🚀 Run started");
    await expectFinished(out["run-id"] ?? "");
  }, 30_000);

  it("a refused key: exit 3, status error, the summary explains, the key never shows", async () => {
    const { files, env } = runner();
    const wrong = `${team.secret.slice(0, -4)}yyyy`;
    const res = await action({ SITE_ID: still.id }, env, wrong);
    expect(res.code).toBe(3);
    expect(readOutputs(files.output)).toMatchObject({ status: "error", "run-id": "" });
    expect(readFileSync(files.summary, "utf8")).toContain("The CI API key was refused \\(401\\)");
    const rest = `${res.stdout.split("\n").slice(1).join("\n")}${res.stderr}`;
    expect(rest).not.toContain(wrong);
    expect(res.stdout).toMatch(/^::error title=Signal Diff::The CI API key was refused/m);
  }, 30_000);
});
