// Billing in test mode, end to end: Pricing → Start free trial → test Checkout → Pay (signed
// webhooks to our real route) → API keys shows the trial → Manage billing → cancel at period end
// → Pricing shows the plan ending on the trial's last day.
import { expect, test } from "@playwright/test";
import { devSignIn } from "./helpers";

const utcDate = (d: Date) =>
  new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(d);

test("a new team starts its free trial, then cancels it at period end", async ({ page }) => {
  await devSignIn(page, `billing-${Date.now()}@example.com`, "/pricing");
  await expect(page.getByTestId("paid-price")).toContainText("$29 / month");

  await page.getByRole("button", { name: "Start free trial" }).click();
  await page.waitForURL(/\/billing\/test-checkout\/cs_test_/);
  await expect(page.getByText("Test mode — no real charge").first()).toBeVisible();
  await expect(page.getByText("30 days free")).toBeVisible();
  const trialEnd = utcDate(new Date(Date.now() + 30 * 86_400_000));

  await page.getByRole("button", { name: /^Pay/ }).click();
  await page.waitForURL(/\/developers\/api-keys\?checkout_session_id=cs_test_/);
  const row = page.getByTestId("subscription-row");
  await expect(row).toHaveCount(1);
  await expect(row.getByText("Trialing")).toBeVisible();
  await expect(row.getByTestId("trial-end")).toHaveText(trialEnd);
  await expect(row.getByTestId("outlook")).toContainText(`Trial ends on ${trialEnd}`);

  // The page claims the checkout's key, then drops ?checkout_session_id= with a client-side
  // navigation; a click landing during that navigation would be superseded by it.
  await page.waitForURL((url) => !url.searchParams.has("checkout_session_id"));
  await page.getByRole("button", { name: "Manage billing" }).click();
  await page.waitForURL(/\/billing\/test-portal\/bps_/);
  await expect(page.getByText(`Trial ends ${trialEnd}`)).toBeVisible();
  await page.getByRole("button", { name: "Cancel subscription" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel at period end" }).click();
  await expect(page.getByText(`Cancels ${trialEnd}`)).toBeVisible();

  await page.getByRole("link", { name: "Return to Signal Diff" }).click();
  await page.waitForURL(/\/developers\/api-keys$/);
  await expect(row.getByTestId("outlook")).toHaveText(`Ends on ${trialEnd}`);

  await page.goto("/pricing");
  await expect(page.getByTestId("current-plan")).toContainText(`Ends on ${trialEnd}`);
  await expect(page.getByRole("button", { name: "Manage subscription" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Buy another key" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Start free trial" })).toHaveCount(0);
});

test("signed-out visitors are sent to sign in and back to Pricing", async ({ page }) => {
  await page.goto("/pricing");
  await page.getByRole("link", { name: "Start free trial" }).click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fpricing/);
});
