// A CI key reported leaked by GitHub's secret scanning, end to end: the fake GitHub sends a signed
// report to the running server, the key shows Leaked on Developers → API keys with a notice (bell,
// and a banner there and on the dashboard, at laptop and phone widths, from the keyboard;
// dismissible), and Rotate restores
// it: the new secret works, the old one keeps getting 401, and the notice is resolved.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { addSubscription, devSignIn } from "./helpers";
import { e2ePorts } from "./ports";

const EMAIL = "leaked-keys-owner@example.com";
const fakeGithub = `http://127.0.0.1:${e2ePorts.fakeGithub}`;

async function revealedKey(page: Page) {
  const value = (await page.getByTestId("revealed-ci-api-key").textContent()) ?? "";
  expect(value).toMatch(/^sck_[0-9A-Za-z]{38}$/);
  const banner = page.getByTestId("reveal-banner");
  await banner.getByRole("button", { name: "Copy CI API key", exact: true }).click();
  await banner.getByRole("button", { name: "I have stored it — dismiss" }).click();
  await expect(banner).toHaveCount(0);
  return value;
}

const agentStatus = async (request: APIRequestContext, key: string) =>
  (
    await request.get("/agent/runs?limit=1", { headers: { authorization: `Bearer ${key}` } })
  ).status();

const visibleBell = (page: Page) => page.locator('[data-testid="notice-bell"]:visible');

test("report → key shows Leaked → Rotate → new key works, old key 401", async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.setViewportSize({ width: 1280, height: 800 });
  await devSignIn(page, EMAIL, "/developers/api-keys");
  await addSubscription(EMAIL, "active");
  await page.reload();
  await page.getByRole("button", { name: "Create key" }).click();
  const leaked = await revealedKey(page);
  expect(await agentStatus(request, leaked)).toBe(200);
  await expect(visibleBell(page)).toHaveAccessibleName("Notices: nothing needs action");

  // An unsigned report is refused and changes nothing.
  const unsigned = await request.post("/api/secret-scanning/github", {
    data: [{ token: leaked, type: "signal_diff_ci_api_key" }],
  });
  expect(unsigned.status()).toBe(401);
  expect(await unsigned.text()).not.toContain(leaked.slice(4));
  expect(await agentStatus(request, leaked)).toBe(200);

  // GitHub's secret scanning finds the key in a public repository and reports it.
  const sent = await request.post(`${fakeGithub}/test/secret-scanning/report`, {
    data: {
      target: `${baseURL}/api/secret-scanning/github`,
      matches: [
        {
          token: leaked,
          type: "signal_diff_ci_api_key",
          url: "https://github.com/octo-org/octo-repo/blob/abc123/.github/workflows/ci.yml",
          source: "content",
        },
      ],
    },
  });
  const answer = (await sent.json()) as { status: number; body: string };
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body)).toEqual([
    expect.objectContaining({ token_type: "signal_diff_ci_api_key", label: "true_positive" }),
  ]);
  // Disabled at once.
  expect(await agentStatus(request, leaked)).toBe(401);

  await page.reload();
  const row = page.getByTestId("ci-key-row");
  await expect(row).toContainText("Leaked — rotate to restore");
  const banner = page.getByTestId("notice-banner");
  await expect(banner).toContainText("was reported leaked");
  await expect(banner).toContainText("octo-org/octo-repo");
  await expect(visibleBell(page)).toHaveAccessibleName("Notices: 1 needs action");
  await expect(visibleBell(page).getByTestId("notice-count")).toHaveText("1");
  // The dashboard shows the same banner.
  await page.goto("/dashboard");
  await expect(page.getByTestId("notice-banner")).toContainText("was reported leaked");

  // At phone width the bell is in the top bar, reachable from the keyboard.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(visibleBell(page)).toHaveCount(1);
  await visibleBell(page).focus();
  await page.keyboard.press("Enter");
  await page.waitForURL("**/notices");
  const list = page.getByTestId("notice-list");
  await expect(list).toContainText("was reported leaked");
  await expect(list).toContainText("Needs action");
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Dismissing hides it for this person: the count goes, the notice stays listed as Dismissed.
  await list.getByRole("button", { name: /^Dismiss: CI API key/ }).click();
  await expect(list).toContainText("Dismissed");
  await expect(visibleBell(page)).toHaveAccessibleName("Notices: nothing needs action");
  // Dismissed for this person: no banner on the dashboard or API keys either.
  for (const path of ["/dashboard", "/developers/api-keys"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByTestId("notice-banner")).toHaveCount(0);
  }

  // Rotate gives the same key a new secret and restores it.
  await page.goto("/developers/api-keys");
  await row.getByRole("button", { name: "Rotate" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("reported leaked");
  await dialog.getByLabel(/Type ROTATE to confirm/).fill("ROTATE");
  await dialog.getByRole("button", { name: "Rotate key" }).click();
  const fresh = await revealedKey(page);
  expect(fresh).not.toBe(leaked);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Active");
  expect(await agentStatus(request, fresh)).toBe(200);
  expect(await agentStatus(request, leaked)).toBe(401);

  // The notice is resolved: "Resolved" in the list.
  await page.goto("/notices");
  await expect(page.getByTestId("notice-list")).toContainText("Resolved");
});
