import { expect, type Page } from "@playwright/test";
import pg from "pg";

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

// The billing flow (checkout → webhook) creates subscriptions; here one is written directly.
export async function addSubscription(email: string, status = "trialing") {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ teamId: string }>(
      `SELECT m."teamId" FROM "Membership" m JOIN "User" u ON u.id = m."userId" JOIN "Team" t ON t.id = m."teamId"
       WHERE u.email = $1 AND t.personal LIMIT 1`,
      [email],
    );
    const teamId = rows[0]?.teamId;
    if (!teamId) throw new Error("no team");
    const id = `e2e_${Date.now()}`;
    const day = 24 * 60 * 60 * 1000;
    await client.query(
      `INSERT INTO "Subscription" (id, "teamId", "stripeSubscriptionId", "stripeCustomerId", status, "trialEnd",
         "currentPeriodStart", "currentPeriodEnd", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, now(), $7, now())`,
      [
        id,
        teamId,
        `sub_${id}`,
        `cus_${id}`,
        status,
        new Date(Date.now() + 30 * day),
        new Date(Date.now() + 30 * day),
      ],
    );
  } finally {
    await client.end();
  }
}
