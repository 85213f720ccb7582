// Customer agents, for real: a website on 127.0.0.2 that the cloud worker may not reach (the e2e
// worker allows only the shared test site's host, CRAWL_ALLOW_HOSTS), an agent process
// (bin/signaldiff-agent.mjs) enrolled with a token from the Customer agents page, CI triggers in
// agent mode crawled through it with real diffs, the same trigger in cloud mode refused by the
// SSRF guard, re-enrollment, CI key rotation, revoke, and an agent killed mid-run.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { addSubscription, devSignIn } from "./helpers";
import { e2ePorts } from "./ports";

test.describe.configure({ mode: "serial" });

const EMAIL = "agents-owner@example.com";
const HOST = "127.0.0.2";
const SITE_URL = `http://${HOST}:${e2ePorts.spare1}/`;
let version = 1;
let slow = false;
let server: http.Server;

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    res.setHeader("content-type", "text/html; charset=utf-8");
    const html = (title: string, body: string, links = "") =>
      `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>${body}</p>${links}</body></html>`;
    if (req.url === "/")
      return res.end(html("Intranet", `Release ${version}`, '<a href="/team">Team</a>'));
    if (req.url === "/team") {
      const send = () => res.end(html("Team", `Team page v${version}`));
      return slow ? void setTimeout(send, 60_000) : send();
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(e2ePorts.spare1, HOST, r));
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

type AgentProc = { child: ChildProcess; lines: string[]; exit: Promise<number | null> };

function startAgent(baseURL: string, token: string, stateDir: string, name: string): AgentProc {
  const child = spawn(
    process.execPath,
    [
      "bin/signaldiff-agent.mjs",
      "--url",
      baseURL,
      "--enroll",
      token,
      "--state-dir",
      stateDir,
      "--name",
      name,
      "--log",
      "json",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const lines: string[] = [];
  for (const s of [child.stdout, child.stderr]) s?.on("data", (d: Buffer) => lines.push(String(d)));
  return { child, lines, exit: new Promise((r) => child.on("exit", (code) => r(code))) };
}

async function enrollToken(page: Page) {
  await page.goto("/agents");
  await page.getByTestId("pool-row").getByRole("button", { name: "Enroll agent" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Create enrollment token" }).click();
  const token = (await dialog.getByTestId("enroll-token-value").textContent()) ?? "";
  expect(token).toMatch(/^sce_[0-9A-Za-z]{38}$/);
  await expect(dialog.getByTestId("enroll-command")).toContainText(
    `npx signaldiff-agent --url http://localhost:${e2ePorts.app} --enroll ${token}`,
  );
  await expect(dialog).toContainText("expires at");
  await dialog.getByRole("button", { name: "Done" }).click();
  return token;
}

async function readKey(page: Page) {
  const value = (await page.getByTestId("revealed-ci-api-key").textContent()) ?? "";
  expect(value).toMatch(/^sck_/);
  const banner = page.getByTestId("reveal-banner");
  await banner.getByRole("button", { name: "Copy CI API key", exact: true }).click();
  await banner.getByRole("button", { name: "I have stored it — dismiss" }).click();
  await expect(banner).toHaveCount(0);
  return value;
}

async function trigger(
  request: APIRequestContext,
  key: string,
  siteId: string,
  mode: "agent" | "cloud",
  poolId: string,
) {
  const res = await request.post("/api/trigger/ci", {
    headers: { "x-ci-api-key": key },
    data: {
      site_id: siteId,
      execution_mode: mode,
      ...(mode === "agent" ? { agent_pool_id: poolId } : {}),
    },
  });
  expect(res.status()).toBe(202);
  return ((await res.json()) as { run_id: string }).run_id;
}

async function waitRun(request: APIRequestContext, key: string, runId: string, ms = 30_000) {
  let run: {
    id: string;
    status: string;
    error: string | null;
    counts: { changed: number };
  } | null = null;
  await expect
    .poll(
      async () => {
        const res = await request.get(`/agent/runs/${runId}`, { headers: { "x-ci-api-key": key } });
        run = ((await res.json()) as { data: typeof run }).data;
        return run?.status;
      },
      { timeout: ms, intervals: [250] },
    )
    .not.toMatch(/^(queued|running)$/);
  return run as unknown as {
    id: string;
    status: string;
    error: string | null;
    counts: { changed: number };
  };
}

const workWith = (request: APIRequestContext, credential: string) =>
  request.post("/api/agents/work?wait=0", { headers: { authorization: `Bearer ${credential}` } });

test("an enrolled agent crawls what the cloud cannot reach; re-enroll, rotation, revoke, kill", async ({
  page,
  request,
  baseURL,
  context,
}) => {
  test.setTimeout(180_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const base = baseURL ?? "";
  await devSignIn(page, EMAIL, "/agents");
  // Without a paid key, enrolling is refused with a link to Pricing.
  await page.getByRole("button", { name: "New pool" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill("office");
  await page.getByRole("dialog").getByRole("button", { name: "Create pool" }).click();
  await expect(page.getByTestId("pool-row")).toContainText("office");
  await page.getByTestId("pool-row").getByRole("button", { name: "Enroll agent" }).click();
  await expect(page.getByTestId("enroll-needs-paid")).toContainText("active paid CI API key");
  await expect(
    page.getByTestId("enroll-needs-paid").getByRole("link", { name: "Pricing" }),
  ).toBeVisible();
  await page.getByTestId("enroll-needs-paid").getByRole("button", { name: "Close" }).click();

  await addSubscription(EMAIL);
  await page.goto("/developers/api-keys");
  await page.getByRole("button", { name: "Create key" }).click();
  let key = await readKey(page);

  const poolId =
    (await page.goto("/agents"),
    await page.getByTestId("pool-row").locator("code").textContent()) ?? "";
  const token = await enrollToken(page);
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "e2e-agent-"));
  let agent = startAgent(base, token, stateDir, "office-1");
  await expect
    .poll(() => agent.lines.join("").includes("waiting for work"), { timeout: 30_000 })
    .toBe(true);
  await page.reload();
  await expect(page.getByTestId("agent-row")).toContainText("office-1");
  await expect(page.getByTestId("agent-row").getByTestId("agent-status")).toHaveText("online");

  await page.goto("/sites/new");
  await page.getByLabel("Name").fill("Intranet");
  await page.getByLabel("Start URL").fill(SITE_URL);
  await page.getByRole("button", { name: "Create site" }).click();
  await expect(page.getByRole("heading", { name: "Intranet" })).toBeVisible();
  const siteId = page.url().split("/sites/")[1]?.split(/[/?]/)[0] ?? "";

  // Through the agent: a baseline, then real diffs after the site changes.
  expect(
    (await waitRun(request, key, await trigger(request, key, siteId, "agent", poolId))).status,
  ).toBe("succeeded");
  version = 2;
  const changed = await waitRun(request, key, await trigger(request, key, siteId, "agent", poolId));
  expect(changed.status).toBe("succeeded");
  expect(changed.counts.changed).toBeGreaterThanOrEqual(1);
  const detail = await request.get(`/agent/runs/${changed.id}`, {
    headers: { "x-ci-api-key": key },
  });
  const pages = (
    (await detail.json()) as { data: { pages: { change: string; diff: string | null }[] } }
  ).data.pages;
  expect(pages.map((p) => p.diff ?? "").join("\n")).toContain("+Release 2");

  // The same trigger in cloud mode: the cloud worker refuses the private address.
  const cloud = await waitRun(request, key, await trigger(request, key, siteId, "cloud", poolId));
  expect(cloud.status).toBe("failed");
  expect(cloud.error).toContain("SSRF protection");

  // CI key rotation leaves the agent working.
  await page.goto("/developers/api-keys");
  await page.getByTestId("ci-key-row").getByRole("button", { name: "Rotate" }).click();
  await page
    .getByRole("dialog")
    .getByLabel(/Type ROTATE to confirm/)
    .fill("ROTATE");
  await page.getByRole("dialog").getByRole("button", { name: "Rotate key" }).click();
  key = await readKey(page);
  expect(
    (await waitRun(request, key, await trigger(request, key, siteId, "agent", poolId))).status,
  ).toBe("succeeded");

  // Re-enroll the same name: the old credential is refused on its next request.
  const oldCredential = (
    JSON.parse(readFileSync(path.join(stateDir, "agent.json"), "utf8")) as { credential: string }
  ).credential;
  agent.child.kill("SIGTERM");
  expect(await agent.exit).toBe(0);
  const token2 = await enrollToken(page);
  const stateDir2 = mkdtempSync(path.join(os.tmpdir(), "e2e-agent-"));
  agent = startAgent(base, token2, stateDir2, "office-1");
  await expect
    .poll(() => agent.lines.join("").includes("re-enrolled"), { timeout: 30_000 })
    .toBe(true);
  expect((await workWith(request, oldCredential)).status()).toBe(401);

  // Killed mid-run: the lease lapses and the run fails with a reason, its slot freed.
  slow = true;
  const doomed = await trigger(request, key, siteId, "agent", poolId);
  await expect
    .poll(async () => agent.lines.join("").includes(doomed), { timeout: 20_000 })
    .toBe(true);
  agent.child.kill("SIGKILL");
  const killedAt = Date.now();
  const dead = await waitRun(request, key, doomed, 30_000 + 15_000);
  expect(Date.now() - killedAt).toBeLessThan(30_000 + 15_000);
  expect(dead.status).toBe("failed");
  expect(dead.error).toContain("stopped responding");
  slow = false;

  // Revoke: the credential is refused at once.
  const credential2 = (
    JSON.parse(readFileSync(path.join(stateDir2, "agent.json"), "utf8")) as { credential: string }
  ).credential;
  await page.goto("/agents");
  await page.getByRole("button", { name: "Revoke office-1" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke agent" }).click();
  await expect(page.getByTestId("agent-status")).toHaveText("revoked");
  expect((await workWith(request, credential2)).status()).toBe(401);
});
