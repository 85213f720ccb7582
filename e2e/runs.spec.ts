import { expect, test, type Page } from "@playwright/test";
import { devSignIn } from "./helpers";
import { e2ePorts } from "./ports";

test.describe.configure({ mode: "serial" });

const siteUrl = `http://127.0.0.1:${e2ePorts.testSite}`;
const email = "crawler-e2e@example.com";

async function createSite(page: Page, name: string, startUrl: string) {
  await page.goto("/sites/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Start URL").fill(startUrl);
  await page.getByRole("button", { name: "Create site" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

async function runNowAndFinish(page: Page) {
  await page.getByRole("button", { name: "Run now" }).first().click();
  await page.waitForURL("**/runs/*");
  await expect(page.getByTestId("run-status")).toHaveText(/Succeeded/, { timeout: 30_000 });
}

test("bad site input shows field errors and writes nothing", async ({ page }) => {
  await devSignIn(page, email);
  await page.goto("/sites");
  await expect(page.getByText("No sites yet")).toBeVisible();
  await page.goto("/sites/new");
  await page.getByLabel("Name").fill("Broken");
  await page.getByLabel("Start URL").fill("ftp://example.com/");
  await page.getByLabel("Max pages").fill("900");
  await page.getByRole("button", { name: "Create site" }).click();
  await expect(page.getByText("Only http:// and https:// URLs can be crawled.")).toBeVisible();
  await expect(page.getByText("At most 500 pages per run.")).toBeVisible();
  // What was typed stays, so one field can be fixed.
  await expect(page.getByLabel("Name")).toHaveValue("Broken");
  await page.goto("/sites");
  await expect(page.getByText("No sites yet")).toBeVisible();
});

test("create a site, run it, watch it finish, then see the diff after the site changes", async ({
  page,
  request,
}) => {
  await request.get(`${siteUrl}/__version/1`);
  await devSignIn(page, email);
  await createSite(page, "Acme", `${siteUrl}/`);
  await runNowAndFinish(page);
  await expect(page.getByText(/first run of this site/)).toBeVisible();
  await expect(page.getByTestId("page-changes")).toContainText(`${siteUrl}/about`);
  // robots.txt disallows /admin/.
  await expect(page.getByTestId("page-changes")).not.toContainText("/admin/");

  await request.get(`${siteUrl}/__version/2`);
  await page.getByRole("link", { name: `· ${siteUrl}/` }).click();
  await runNowAndFinish(page);
  const summary = page.getByTestId("run-summary");
  await expect(summary).toContainText("Changed");
  const changes = page.getByTestId("page-changes");
  await expect(changes.locator("li").first()).toContainText("changed");
  await expect(changes).toContainText("+Ship safely with Acme.");
  await expect(changes).toContainText("-Ship faster with Acme.");
  await expect(changes).toContainText(`${siteUrl}/changelog`);
  await expect(changes).toContainText("added");
  await expect(changes).toContainText("removed");

  await page.goto("/runs");
  await expect(page.getByTestId("runs-table").locator("tbody tr")).toHaveCount(2);
  await expect(page.getByText("2 runs · newest first")).toBeVisible();
  await page.locator("select[name=status]").selectOption("failed");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("No runs match these filters.")).toBeVisible();
});

test("schedule a site: cron typos are refused, the schedule is shown in words", async ({
  page,
}) => {
  await devSignIn(page, email);
  await page.goto("/sites");
  await page.getByRole("link", { name: "Acme" }).click();
  await expect(page.getByTestId("retention-note")).toContainText("kept for every run");
  const sitePath = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Run", { exact: true }).selectOption("cron");
  await page.getByLabel("Cron expression").fill("61 * * * *");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(/Not a valid cron expression/)).toBeVisible();
  await page.getByLabel("Cron expression").fill("30 9 * * 1-5");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("schedule-words")).toHaveText(/09:30.*Monday through Friday/);
  await expect(page.getByTestId("next-runs").locator("li")).toHaveCount(3);

  // Retention is a team setting; the site page says what is kept.
  await page.goto("/settings");
  await page.getByLabel("Keep page snapshots").selectOption("30");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Team settings saved.")).toBeVisible();
  await page.goto(sitePath);
  await expect(page.getByTestId("retention-note")).toContainText("kept for 30 days");
});

test("the concurrency limit is shown and enforced from the UI, and a run can be cancelled", async ({
  page,
}) => {
  await devSignIn(page, email);
  await createSite(page, "Slow site", `${siteUrl}/slow/`);
  await page.getByRole("button", { name: "Run now" }).first().click();
  await page.waitForURL("**/runs/*");
  const slowRun = page.url();
  await expect(page.getByTestId("run-progress")).toHaveText(/of \d+ pages/, { timeout: 15_000 });

  await page.goto("/dashboard");
  await expect(page.getByTestId("capacity")).toContainText("1 of 1 crawls running");
  await page.goto("/sites");
  const acme = page.getByRole("row", { name: /Acme/ });
  await acme.getByRole("button", { name: "Run now" }).click();
  await expect(
    acme.getByText("1 of 1 crawls running — wait for a run to finish or cancel one"),
  ).toBeVisible();

  await page.goto(slowRun);
  await page.getByRole("button", { name: "Cancel run" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel run" }).click();
  await expect(page.getByTestId("run-status")).toHaveText(/Cancelled/);
  await page.goto("/dashboard");
  await expect(page.getByTestId("capacity")).toContainText("0 of 1 crawls running");
  await expect(page.getByTestId("recent-runs").getByText("Cancelled").first()).toBeVisible();
});
