// Issue 5's whole journey in Chromium: Pricing → trial checkout (test mode) → the key is revealed
// once on the return → reload shows only its prefix → the key starts a run through
// POST /api/trigger/ci → Rotate (type ROTATE): old key 401, new key 202 → Revoke: 401 →
// the legacy /api-keys URL redirects.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { devSignIn } from "./helpers";
import { e2ePorts } from "./ports";

test.describe.configure({ mode: "serial" });

const siteUrl = `http://127.0.0.1:${e2ePorts.testSite}`;

async function readSecret(page: Page) {
  const banner = page.getByTestId("reveal-banner");
  await expect(banner).toContainText("cannot be retrieved again");
  const secret = (await page.getByTestId("revealed-ci-api-key").textContent()) ?? "";
  expect(secret).toMatch(/^sck_[0-9A-Za-z]{38}$/);
  await banner.getByRole("button", { name: "Copy CI API key", exact: true }).click();
  await banner.getByRole("button", { name: "I have stored it — dismiss" }).click();
  await expect(banner).toHaveCount(0);
  return secret;
}

function trigger(request: APIRequestContext, key: string, siteId: string) {
  return request.post("/api/trigger/ci", {
    headers: { "x-ci-api-key": key },
    data: {
      site_id: siteId,
      commit_sha: "3f2c9a1b7e4d5f6a8b9c0d1e2f3a4b5c6d7e8f90",
      branch: "main",
      repository: "acme/storefront",
      run_url: "https://github.com/acme/storefront/actions/runs/42",
    },
  });
}

test("trial checkout reveals a CI key once; it triggers runs until rotated away and revoked", async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await devSignIn(page, `ci-checkout-${Date.now()}@example.com`, "/pricing");

  // A site for CI to crawl.
  await page.goto("/sites/new");
  await page.getByLabel("Name").fill("Storefront");
  await page.getByLabel("Start URL").fill(siteUrl);
  await page.getByRole("button", { name: "Create site" }).click();
  await expect(page.getByRole("heading", { name: "Storefront" })).toBeVisible();
  const siteId = page.url().split("/sites/")[1]?.split(/[/?#]/)[0] as string;
  expect(siteId).toBeTruthy();

  // Pricing → Start free trial → Pay → back on API keys with the key revealed once.
  await page.goto("/pricing");
  await page.getByRole("button", { name: "Start free trial" }).click();
  await page.waitForURL(/\/billing\/test-checkout\/cs_test_/);
  await page.getByRole("button", { name: /^Pay/ }).click();
  await page.waitForURL(/\/developers\/api-keys/);
  const first = await readSecret(page);
  await expect(page).not.toHaveURL(/checkout_session_id/);
  expect(page.url()).not.toContain(first);
  const row = page.getByTestId("ci-key-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`${first.slice(0, 10)}…`);
  await expect(row).toContainText("Trialing");

  // Reloading — even the checkout return URL itself — never shows the secret again.
  await page.reload();
  await expect(page.getByTestId("ci-key-row")).toContainText(`${first.slice(0, 10)}…`);
  expect(await page.content()).not.toContain(first);
  await expect(page.getByTestId("reveal-banner")).toHaveCount(0);

  // CI: 202 with the run, which shows the CI metadata.
  const started = await trigger(request, first, siteId);
  expect(started.status()).toBe(202);
  const body = (await started.json()) as { run_id: string; status: string; url: string };
  expect(body.status).toBe("queued");
  expect(body.url).toContain(`/runs/${body.run_id}`);
  await page.goto(`/runs/${body.run_id}`);
  await expect(page.getByTestId("ci-metadata")).toContainText("acme/storefront");
  await expect(page.getByTestId("ci-metadata")).toContainText("3f2c9a1b7e4d");
  await expect(page.getByTestId("run-status")).toHaveText(/Succeeded/, { timeout: 30_000 });
  await page.goto("/runs");
  await expect(page.getByRole("link", { name: /Storefront/ }).first()).toBeVisible();

  // Rotate: the old secret fails on its very next request, the new one works.
  await page.goto("/developers/api-keys");
  await page.getByTestId("ci-key-row").getByRole("button", { name: "Rotate" }).click();
  await page
    .getByRole("dialog")
    .getByLabel(/Type ROTATE to confirm/)
    .fill("ROTATE");
  await page.getByRole("dialog").getByRole("button", { name: "Rotate key" }).click();
  const second = await readSecret(page);
  expect(second).not.toBe(first);
  const oldAnswer = await trigger(request, first, siteId);
  expect(oldAnswer.status()).toBe(401);
  expect(await oldAnswer.json()).toEqual({
    error: { code: "unauthorized", message: expect.any(String) },
  });
  expect((await trigger(request, second, siteId)).status()).toBe(202);

  // Revoke: permanent; the key answers 401 like any unknown key.
  await page.getByTestId("ci-key-row").getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByTestId("ci-key-row")).toContainText("Revoked");
  const revoked = await trigger(request, second, siteId);
  expect(revoked.status()).toBe(401);
  expect(await revoked.text()).toBe(await oldAnswer.text());

  // The legacy URL.
  await page.goto("/api-keys");
  await expect(page).toHaveURL(/\/developers\/api-keys$/);
});
