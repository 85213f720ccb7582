// Issue 11 hardening, through the real production server: another team's id pages answer HTTP
// 404, a signed-out session cookie cannot be replayed, and redirect targets stay on our origin.
// The first tests speak plain HTTP (sign-in as the browser does it: CSRF token, then the dev
// sign-in callback); the last ones click the account menu in Chromium.
import { randomUUID } from "node:crypto";
import { expect, request, test, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";
import { baseURL } from "../playwright.config";
import { devSignIn } from "./helpers";

test.describe.configure({ mode: "serial" });

/** A signed-in HTTP client (its own cookie jar), signed in with the development sign-in. */
async function httpSignIn(email: string): Promise<APIRequestContext> {
  const client = await request.newContext({ baseURL });
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as {
    csrfToken: string;
  };
  await client.post("/api/auth/callback/dev", {
    form: { email, csrfToken, callbackUrl: "/dashboard" },
  });
  const session = (await (await client.get("/api/auth/session")).json()) as { user?: unknown };
  expect(session.user, `signed in as ${email}`).toBeTruthy();
  return client;
}

/** "Sign out" as next-auth's client does it. */
async function httpSignOut(client: APIRequestContext) {
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as {
    csrfToken: string;
  };
  await client.post("/api/auth/signout", { form: { csrfToken } });
}

/** A site and a finished run in `email`'s personal team, written directly (setup only). */
async function siteAndRunOf(email: string) {
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    const { rows } = await db.query<{ teamId: string }>(
      `SELECT m."teamId" FROM "Membership" m JOIN "User" u ON u.id = m."userId"
       WHERE u.email = $1 LIMIT 1`,
      [email],
    );
    const teamId = rows[0]?.teamId as string;
    const siteId = `site_${randomUUID().replace(/-/g, "")}`;
    const runId = `run_${randomUUID().replace(/-/g, "")}`;
    await db.query(
      `INSERT INTO "Site" (id, "teamId", name, "startUrl", "updatedAt")
       VALUES ($1, $2, 'Private site', 'http://127.0.0.1:9/', now())`,
      [siteId, teamId],
    );
    await db.query(
      `INSERT INTO "Run" (id, "teamId", "siteId", status, source, "finishedAt", "updatedAt")
       VALUES ($1, $2, $3, 'succeeded', 'manual', now(), now())`,
      [runId, teamId, siteId],
    );
    return { siteId, runId };
  } finally {
    await db.end();
  }
}

test("another team's site, site edit and run pages answer HTTP 404", async () => {
  const ownerEmail = `owner-404-${randomUUID()}@example.com`;
  const owner = await httpSignIn(ownerEmail);
  const { siteId, runId } = await siteAndRunOf(ownerEmail);
  const own = [`/sites/${siteId}`, `/sites/${siteId}/edit`, `/runs/${runId}`];
  for (const path of own) expect((await owner.get(path)).status(), path).toBe(200);

  const stranger = await httpSignIn(`stranger-404-${randomUUID()}@example.com`);
  for (const path of [...own, "/sites/does-not-exist", "/runs/does-not-exist"]) {
    const res = await stranger.get(path);
    expect(res.status(), path).toBe(404);
    const html = await res.text();
    expect(html).toContain("Page not found");
    expect(html).not.toContain("Private site");
  }
});

test("a copied session cookie is worth nothing after Sign out", async () => {
  const device = await httpSignIn(`replay-${randomUUID()}@example.com`);
  const copy = await request.newContext({ baseURL, storageState: await device.storageState() });
  expect((await (await copy.get("/api/auth/session")).json()).user).toBeTruthy();
  await httpSignOut(device);
  expect(await (await copy.get("/api/auth/session")).json()).toEqual({});
  const page = await copy.get("/dashboard", { maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toMatch(/^\/sign-in/);
});

test("redirect targets stay on our origin; a bad callbackUrl is no server error", async () => {
  const client = await httpSignIn(`redirects-${randomUUID()}@example.com`);
  for (const target of [
    "%2F%09%2Fevil.example%2Fphish",
    "%2F%5Cevil.example",
    "%2F%2Fevil.example",
    "%2F%0D%0A%2Fevil.example",
  ]) {
    const res = await client.get(`/sign-in?callbackUrl=${target}`, { maxRedirects: 0 });
    expect(res.status(), target).toBe(307);
    const location = res.headers().location ?? "";
    expect(new URL(location, baseURL).origin, target).toBe(new URL(baseURL).origin);
    expect(location, target).not.toMatch(/evil/);
  }
  for (const target of ["abc", "%2F%09%2Fevil.example", "http%3A%2F%2F%5B"]) {
    const res = await client.post(`/api/auth/signin?callbackUrl=${target}`, { maxRedirects: 0 });
    expect(res.status(), target).toBeLessThan(500);
  }
});

async function openAccountMenu(page: Page) {
  await page.getByRole("button", { name: "Account menu" }).click();
}

test("Sign out in the account menu ends the session for a copy of the cookie", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await devSignIn(page, `menu-${randomUUID()}@example.com`);
  const copied = await context.cookies();
  await openAccountMenu(page);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL("**/sign-in**");

  const replay = await browser.newContext();
  await replay.addCookies(copied);
  const again = await replay.newPage();
  await again.goto("/dashboard");
  await expect(again).toHaveURL(/\/sign-in/);
});

test("Sign out of all devices ends every device's session", async ({ browser }) => {
  const email = `everywhere-${randomUUID()}@example.com`;
  const laptop = await (await browser.newContext()).newPage();
  await devSignIn(laptop, email);
  const phone = await httpSignIn(email);
  const laptopCookies = await laptop.context().cookies();
  await openAccountMenu(laptop);
  await laptop.getByRole("button", { name: "Sign out of all devices" }).click();
  await laptop.waitForURL("**/sign-in**");

  expect(await (await phone.get("/api/auth/session")).json()).toEqual({});
  const replay = await browser.newContext();
  await replay.addCookies(laptopCookies);
  const again = await replay.newPage();
  await again.goto("/dashboard");
  await expect(again).toHaveURL(/\/sign-in/);
  // Signing in afresh works.
  await devSignIn(again, email);
  await expect(again).toHaveURL(/\/dashboard/);
});
