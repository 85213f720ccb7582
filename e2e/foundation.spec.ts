import { expect, test } from "@playwright/test";
import { devSignIn, githubSignIn } from "./helpers";

test.describe.configure({ mode: "serial" });

let inviteLink = "";

test("GitHub sign-in with a private email lands in a personal team", async ({ page }) => {
  await githubSignIn(page, "octo-private");
  await expect(page.getByTestId("active-team").first()).toHaveText("Octo's team");
  // /user answered email: null, so the address came from /user/emails (primary, verified).
  await page.getByRole("button", { name: "Account menu" }).first().click();
  await expect(page.getByText("octo-private@example.com").first()).toBeVisible();
});

test("an owner creates a team, invites a viewer by link, and changes roles", async ({ page }) => {
  await githubSignIn(page, "octo-private");
  await page
    .getByRole("button", { name: /Switch team/ })
    .first()
    .click();
  await page.getByRole("link", { name: "Create team" }).first().click();
  // Two spaces pass the browser's minLength but not the server's trimmed check.
  await page.getByLabel("Team name").fill("  ");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByText("Use at least 2 characters.")).toBeVisible();
  await page.getByLabel("Team name").fill("Launch Crew");
  await page.getByRole("button", { name: "Create team" }).click();
  await page.waitForURL("**/dashboard");
  await expect(page.getByTestId("active-team").first()).toHaveText("Launch Crew");

  await page.goto("/settings/members");
  await page.getByLabel("Role").selectOption("viewer");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = page.getByTestId("invite-link");
  await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{40,}$/);
  inviteLink = await link.inputValue();
  await expect(page.getByText(/Viewer invite · created/)).toBeVisible();

  // The last owner cannot leave.
  await page.getByRole("button", { name: "Leave team" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Leave team" }).click();
  await expect(page.getByRole("dialog").getByRole("alert")).toContainText("You are the last owner");
});

test("the invitee accepts, is read-only as a viewer, and a forged write is refused", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await devSignIn(page, "vera@example.com");
  await expect(page.getByTestId("active-team").first()).toHaveText("vera's team");

  await page.goto(inviteLink);
  await expect(page.getByRole("heading", { name: "Join Launch Crew" })).toBeVisible();
  await expect(page.getByText("You are invited as Viewer")).toBeVisible();
  await page.getByRole("button", { name: "Accept invite" }).click();
  await page.waitForURL("**/dashboard");
  await expect(page.getByTestId("active-team").first()).toHaveText("Launch Crew");

  await page.goto("/settings");
  await expect(page.getByLabel("Team name")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await page.goto("/settings/members");
  await expect(page.getByTestId("member-row")).toHaveCount(2);
  await expect(page.getByRole("button", { name: "Create invite link" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Remove" })).toHaveCount(0);

  // Forge the write: re-enable the disabled form and submit it through the real server action.
  await page.goto("/settings");
  await expect(page.getByLabel("Team name")).toBeDisabled();
  // The page's own form (menus in the sidebar keep their forms mounted too); the locator waits
  // for it to be attached (a plain querySelector once ran while the page was re-rendering).
  await page
    .locator("main form")
    .first()
    .evaluate((form) => {
      form.querySelectorAll("input, select").forEach((el) => el.removeAttribute("disabled"));
      (form.querySelector<HTMLInputElement>("input[name=name]") as HTMLInputElement).value =
        "Hijacked";
      const submit = document.createElement("button");
      submit.type = "submit";
      submit.textContent = "Forged save";
      form.appendChild(submit);
    });
  await page.getByRole("button", { name: "Forged save" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "Only team owners and admins can do this.",
  );
  await page.reload();
  await expect(page.getByLabel("Team name")).toHaveValue("Launch Crew");

  // Signing out ends the session.
  await page.getByRole("button", { name: "Account menu" }).first().click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL("**/sign-in**");
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard/);
  await context.close();
});

test("an owner promotes the viewer; used links and strangers get clear answers", async ({
  page,
  browser,
}) => {
  await githubSignIn(page, "octo-private");
  // A new browser starts in the personal team; switch through the team's own page.
  await page.goto("/teams/launch-crew");
  await page.getByRole("button", { name: "Open this team’s dashboard" }).click();
  await page.waitForURL("**/dashboard");
  await expect(page.getByTestId("active-team").first()).toHaveText("Launch Crew");
  await page.goto("/settings/members");
  const row = page.getByTestId("member-row").filter({ hasText: "vera@example.com" });
  await row.getByRole("combobox").selectOption("member");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toHaveText("Role updated.");

  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await devSignIn(other, "stranger@example.com");
  await other.goto(inviteLink);
  await expect(other.getByRole("main").getByRole("alert")).toContainText("already been used");
  await other.goto("/invite/not-a-real-token-at-all-xxxxxxxxxxxxxxxx");
  await expect(other.getByRole("main").getByRole("alert")).toContainText("not valid");
  const res = await other.goto("/teams/launch-crew");
  expect(res?.status()).toBe(404);
  await expect(other.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await stranger.close();
});

test("the sign-in page offers both GitHub and the labelled development sign-in", async ({
  page,
}) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Continue with GitHub" })).toBeVisible();
  await expect(page.getByText("Development sign-in", { exact: true })).toBeVisible();
  await expect(page.getByText("Disabled in production")).toBeVisible();
});
