// What a person sees after issue 12's fixes: honest run results (a timed-out page is an error,
// the run "Succeeded with errors" everywhere), the run-history chart at 1280 and 390 px, the
// revoke dialog's billing warning and what a subscription with a revoked key offers, the date
// columns' rule, and the once-per-person trial on Pricing.
import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { devSignIn } from "./helpers";
import { e2ePorts } from "./ports";

test.describe.configure({ mode: "serial" });

const SCREENS = process.env.E2E_SCREENS_DIR ?? "test-results/screens";
mkdirSync(SCREENS, { recursive: true });
const siteUrl = `http://127.0.0.1:${e2ePorts.testSite}/hang/`;

async function runNow(page: Page, expected: RegExp) {
  await page.getByRole("button", { name: "Run now" }).first().click();
  await page.waitForURL("**/runs/*");
  await expect(page.getByTestId("run-status")).toHaveText(expected, { timeout: 30_000 });
}

test("a page that timed out is an error; the run says Succeeded with errors everywhere", async ({
  page,
}) => {
  await devSignIn(page, `polish-runs-${Date.now()}@example.com`);
  await page.goto("/sites/new");
  await page.getByLabel("Name").fill("Hangs");
  await page.getByLabel("Start URL").fill(siteUrl);
  await page.getByLabel("Request timeout (ms)").fill("1000");
  await page.getByRole("button", { name: "Create site" }).click();
  await expect(page.getByRole("heading", { name: "Hangs" })).toBeVisible();
  const sitePath = new URL(page.url()).pathname;

  await runNow(page, /^Succeeded with errors$/);
  const late = page.getByTestId("page-changes").locator("li", { hasText: "/hang/late" });
  await expect(late).toContainText("error");
  await expect(late).not.toContainText("unchanged");
  await expect(late).toContainText(/Timed out/);
  await expect(page.getByTestId("run-summary")).toContainText("Failed to load");

  // A second run compares with the first: the late page is still an error, never "unchanged".
  await page.goto(sitePath);
  await runNow(page, /^Succeeded with errors$/);
  await expect(
    page.getByTestId("page-changes").locator("li", { hasText: "/hang/late" }),
  ).toContainText("error");

  // Lists and the status filter.
  await page.goto("/runs?status=succeeded_with_errors");
  const table = page.locator("main table");
  await expect(table.getByText("Succeeded with errors")).toHaveCount(2);
  await expect(table.getByText("1 failed")).toHaveCount(1);

  // The dashboard: recent runs, and the chart marks both runs and says so in words.
  await page.goto("/dashboard");
  await expect(page.getByTestId("recent-runs")).toContainText("Succeeded with errors");
  const chart = page.getByTestId("run-history-chart");
  await expect(chart.getByTestId("chart-summary")).toContainText(
    "Last 2 finished runs (at most 50, within 30 days)",
  );
  await expect(chart.getByTestId("chart-summary")).toContainText("2 succeeded with errors");
  await expect(chart.getByTestId("chart-errors-run")).toHaveCount(2);
  await expect(chart.getByRole("img")).toHaveAttribute("aria-label", /median duration/);

  // The site page's chart at 1280 and at 390 px: it fits the screen.
  await page.goto(sitePath);
  const siteChart = page.getByTestId("run-history-chart");
  await expect(siteChart.locator(".recharts-surface")).toBeVisible();
  await siteChart.screenshot({ path: `${SCREENS}/chart-site-1280.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(siteChart.locator(".recharts-surface")).toBeVisible();
  const box = await siteChart.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
  await siteChart.screenshot({ path: `${SCREENS}/chart-site-390.png` });
  await page.goto("/dashboard");
  await expect(page.getByTestId("run-history-chart").locator(".recharts-surface")).toBeVisible();
  await page
    .getByTestId("run-history-chart")
    .screenshot({ path: `${SCREENS}/chart-dashboard-390.png` });
});

const PERSON = `polish-billing-${Date.now()}@example.com`;

test("revoke warns that billing continues; the subscription then offers cancel or a new checkout", async ({
  page,
}) => {
  await devSignIn(page, PERSON, "/pricing");
  await page.getByRole("button", { name: "Start free trial" }).click();
  await page.waitForURL(/\/billing\/test-checkout\/cs_test_/);
  await page.getByRole("button", { name: /^Pay/ }).click();
  await page.waitForURL(/\/developers\/api-keys/);
  await expect(page.getByTestId("reveal-banner")).toBeVisible();
  await page.goto("/developers/api-keys");
  await expect(page.getByTestId("ci-key-row")).toContainText("Trialing");

  // One rule for the dates, said in the column headers' tooltips.
  const subs = page.locator("#subscriptions");
  await expect(subs.getByRole("columnheader", { name: /Access until/ })).toBeVisible();
  await expect(subs.locator('[title*="Same date as the key\'s Expires"]')).toHaveCount(1);
  await expect(
    page.getByTestId("ci-keys-table").locator("[title*='When this key stops working']"),
  ).toHaveCount(1);
  await expect(subs.getByText(/the end of the current paid period/).first()).toBeAttached();

  await page.getByTestId("ci-key-row").getByRole("button", { name: "Revoke" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("revoke-billing")).toContainText("keeps billing");
  await expect(dialog.getByRole("button", { name: "Manage billing" })).toBeVisible();
  await dialog.screenshot({ path: `${SCREENS}/revoke-dialog-1280.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await dialog.screenshot({ path: `${SCREENS}/revoke-dialog-390.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByTestId("ci-key-row")).toContainText("Revoked");

  const offer = page.getByTestId("revoked-key-offer");
  await expect(offer.getByRole("link", { name: "New checkout" })).toHaveAttribute(
    "href",
    "/pricing",
  );
  await offer.getByRole("button", { name: "Cancel subscription" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel subscription" }).click();
  // Stripe's webhook writes the change; the row then says when it ends.
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByTestId("outlook").first().textContent();
      },
      { timeout: 20_000 },
    )
    .toMatch(/^Ends on /);
  await expect(page.getByTestId("revoked-key-offer").getByRole("button")).toHaveCount(0);
  await expect(
    page.getByTestId("revoked-key-offer").getByRole("link", { name: "New checkout" }),
  ).toBeVisible();
});

test("the trial is once per person: their new team gets no trial, and Pricing says why", async ({
  page,
}) => {
  await devSignIn(page, PERSON, "/teams/new");
  await page.getByLabel("Team name").fill("Second team");
  await page.getByRole("button", { name: "Create team" }).click();
  await page.waitForURL("**/dashboard");
  await page.goto("/pricing");
  await expect(page.getByRole("button", { name: "Subscribe" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Start free trial" })).toHaveCount(0);
  await expect(page.getByTestId("trial-note")).toContainText(
    "You have already had a free trial (the 30-day trial is once per person)",
  );
  await expect(page.getByTestId("trial-note").getByRole("link")).toHaveAttribute(
    "href",
    "/docs/plans-and-limits#trial",
  );
});

test("Plans and limits states the limits, 429 and the trial rule, and is linked", async ({
  page,
}) => {
  await page.goto("/docs");
  await page.getByRole("link", { name: "Plans and limits" }).click();
  await expect(page.getByRole("heading", { name: "Plans and limits", level: 1 })).toBeVisible();
  await expect(page.getByTestId("free-limit")).toHaveText("1");
  await expect(page.getByTestId("paid-limit")).toHaveText("3");
  await expect(page.locator("main")).toContainText("Retry-After: 30");
  await expect(page.locator("#trial")).toBeVisible();
  for (const path of ["/pricing", "/docs/troubleshooting", "/docs/ci", "/docs/api"]) {
    await page.goto(path);
    await expect(
      page.locator('main a[href^="/docs/plans-and-limits"]').first(),
      path,
    ).toBeVisible();
  }
});
