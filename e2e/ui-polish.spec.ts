import { expect, test } from "@playwright/test";
import { devSignIn } from "./helpers";
import { agentApiRun, occupySlots, personalTeamId, seedLayoutTeam } from "./seed-layout";

test.describe.configure({ mode: "serial" });

const OWNER = "polish-owner@example.com";
const VIEWER = "pol-teammate-1@example-company-with-a-long-domain-name.com";

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await devSignIn(page, OWNER);
  const teamId = await personalTeamId(OWNER);
  await seedLayoutTeam(teamId, "pol");
  // The seeded subscriptions make the team Paid: three crawls at once.
  await occupySlots(teamId, "pol", 3);
  await agentApiRun(teamId, "pol_site_0", "pol_agent_run");
  await page.close();
});

test("at the plan's crawl limit, Run now says so and links Plans and limits", async ({ page }) => {
  await devSignIn(page, OWNER, "/sites");
  const row = page.getByTestId("site-row").filter({ hasText: "Marketing site 0" });
  await row.getByRole("button", { name: "Run now" }).click();
  const alert = row.getByRole("alert");
  await expect(alert).toBeVisible();
  await alert.getByRole("link", { name: "Plans and limits" }).click();
  await page.waitForURL("**/pricing");
});

test("a run started from the Agent API is titled by its source, not From CI", async ({ page }) => {
  await devSignIn(page, OWNER, "/runs/pol_agent_run");
  const card = page.getByTestId("ci-metadata");
  await expect(card.getByRole("heading")).toHaveText("From the Agent API");
  await expect(card).toContainText("acme/web");
});

test("docs code blocks have a copy button", async ({ page }) => {
  await page.goto("/docs/ci");
  const block = page.getByTestId("code-block").first();
  await block.getByRole("button", { name: "Copy workflow" }).click();
  await expect(block.getByRole("button", { name: "Copied" })).toBeVisible();
});

test("a viewer is not offered actions the role cannot take", async ({ page }) => {
  await devSignIn(page, VIEWER, "/developers/api-keys");
  await expect(page.getByTestId("active-team").first()).not.toHaveText("");
  await expect(page.getByTestId("ci-key-row")).toHaveCount(2);
  await expect(page.getByRole("link", { name: "Add a subscription" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^(Rotate|Revoke|Rename)/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "New API key" })).toHaveCount(0);
  await page.goto("/sites");
  await expect(page.getByTestId("site-row").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Run now" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "New site" })).toHaveCount(0);
});
