import { expect, type Page } from "@playwright/test";

/** Signs in through the real next-auth GitHub flow, against the local fake GitHub server. */
export async function githubSignIn(page: Page, login: string) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Continue with GitHub" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to GitHub (fake)" })).toBeVisible();
  await page.getByLabel("Username").fill(login);
  await page.getByRole("button", { name: "Authorize" }).click();
  await page.waitForURL("**/dashboard");
}

/** Signs in with the development sign-in (AUTH_DEV_LOGIN=1). */
export async function devSignIn(page: Page, email: string, callbackPath = "/dashboard") {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Sign in with email (development)" }).click();
  await page.waitForURL(`**${callbackPath}`);
}

export async function activeTeam(page: Page) {
  return page.getByTestId("active-team").first();
}
