import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { addSubscription, devSignIn } from "./helpers";

test.describe.configure({ mode: "serial" });

const EMAIL = "ci-keys-owner@example.com";
const secrets: string[] = [];

async function readRevealed(page: Page) {
  const value = (await page.getByTestId("revealed-ci-api-key").textContent()) ?? "";
  expect(value).toMatch(/^sck_[0-9A-Za-z]{38}$/);
  secrets.push(value);
  return value;
}

async function dismiss(page: Page) {
  const banner = page.getByTestId("reveal-banner");
  await banner.getByRole("button", { name: "Copy CI API key", exact: true }).click();
  await banner.getByRole("button", { name: "I have stored it — dismiss" }).click();
  await expect(page.getByTestId("reveal-banner")).toHaveCount(0);
}

test("a CI key: created for a subscription, shown once, rotated with ROTATE, revoked", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await devSignIn(page, EMAIL, "/developers/api-keys");
  await expect(page.getByText("No CI API keys")).toBeVisible();
  await addSubscription(EMAIL);
  await page.reload();

  await page.getByRole("button", { name: "Create key" }).click();
  const banner = page.getByTestId("reveal-banner");
  await expect(banner).toContainText("cannot be retrieved again");
  await expect(banner).toContainText("SIGNALDIFF_CI_API_KEY");
  await expect(banner.getByRole("link", { name: "CI setup guide" })).toHaveAttribute(
    "href",
    "/docs/ci",
  );
  const first = await readRevealed(page);
  expect(page.url()).not.toContain(first);
  await dismiss(page);

  const row = page.getByTestId("ci-key-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`${first.slice(0, 10)}…`);
  await expect(row).toContainText("Trialing");
  await page.reload();
  await expect(page.getByTestId("ci-key-row")).toContainText(`${first.slice(0, 10)}…`);
  expect(await page.content()).not.toContain(first);
  await expect(page.getByRole("button", { name: "Create key" })).toHaveCount(0);

  // Rename.
  await page.getByRole("button", { name: "Rename CI key" }).click();
  await page.getByRole("dialog").getByLabel("Label").fill("production deploys");
  await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("ci-key-row")).toContainText("production deploys");

  // Rotate: the confirm button stays disabled until ROTATE is typed.
  await page.getByTestId("ci-key-row").getByRole("button", { name: "Rotate" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("stops working immediately");
  await dialog.getByLabel(/Type ROTATE to confirm/).fill("rotate");
  await expect(dialog.getByRole("button", { name: "Rotate key" })).toBeDisabled();
  // Forge past the browser's check: the server refuses the wrong word and nothing rotates.
  await dialog
    .getByRole("button", { name: "Rotate key" })
    .evaluate((b) => b.removeAttribute("disabled"));
  await dialog.getByRole("button", { name: "Rotate key" }).click();
  await expect(dialog.getByText("Type ROTATE to confirm.")).toBeVisible();
  await expect(page.getByTestId("reveal-banner")).toHaveCount(0);
  await dialog.getByLabel(/Type ROTATE to confirm/).fill("ROTATE");
  await dialog.getByRole("button", { name: "Rotate key" }).click();
  const second = await readRevealed(page);
  expect(second).not.toBe(first);
  await dismiss(page);
  await expect(page.getByTestId("ci-key-row")).toContainText(`${second.slice(0, 10)}…`);
  await expect(page.getByTestId("ci-key-row")).toHaveCount(1);

  // Two more rotations are allowed; the fourth within 10 minutes is refused with a retry time.
  for (let i = 0; i < 3; i++) {
    await page.getByTestId("ci-key-row").getByRole("button", { name: "Rotate" }).click();
    await page
      .getByRole("dialog")
      .getByLabel(/Type ROTATE to confirm/)
      .fill("ROTATE");
    await page.getByRole("dialog").getByRole("button", { name: "Rotate key" }).click();
    if (i < 2) {
      await readRevealed(page);
      await dismiss(page);
    }
  }
  await expect(page.getByRole("dialog").getByRole("alert")).toContainText(
    /This key was rotated too often\. Try again in \d+ minutes?\./,
  );
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

  // Revoke: permanent, the row stays as Revoked, no more actions but Rename.
  await page.getByTestId("ci-key-row").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("dialog")).toContainText("cannot be restored");
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByTestId("ci-key-row")).toContainText("Revoked");
  await expect(page.getByTestId("ci-key-row").getByRole("button", { name: "Rotate" })).toHaveCount(
    0,
  );

  // Every credential event is in the audit log, named in words (the code on hover).
  await page.goto("/settings/audit-log");
  for (const [action, name] of [
    ["ci_key.created", "CI API key created"],
    ["ci_key.revealed", "CI API key secret shown"],
    ["ci_key.rotated", "CI API key rotated"],
    ["ci_key.revoked", "CI API key revoked"],
    ["ci_key.relabeled", "CI API key renamed"],
  ] as const) {
    await expect(page.getByTitle(action).first()).toHaveText(name);
  }
});

test("the database holds no CI key or client secret in plaintext", async () => {
  expect(secrets.length).toBe(4);
  const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql") : [];
  const pgDump = [
    ...versions
      .sort()
      .reverse()
      .map((v) => `/usr/lib/postgresql/${v}/bin/pg_dump`),
    "/usr/bin/pg_dump",
  ].find((p) => existsSync(p));
  test.skip(!pgDump, "pg_dump not installed");
  const dump = spawnSync(pgDump as string, ["--data-only", process.env.DATABASE_URL as string], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  // pg_dump refuses a newer server (Debian's 15 against npm test's embedded PostgreSQL 18).
  test.skip(/server version mismatch/.test(dump.stderr), `pg_dump is older than the server`);
  expect(dump.status).toBe(0);
  expect(dump.stdout.length).toBeGreaterThan(1000);
  for (const s of secrets) {
    expect(dump.stdout).not.toContain(s);
    // Not even the random body without its prefix.
    expect(dump.stdout).not.toContain(s.slice(4));
  }
  expect(dump.stdout).not.toMatch(/sck_[0-9A-Za-z]{38}/);
  expect(dump.stdout).not.toMatch(/dh_secret_[0-9A-Za-z]{38}/);
});

test("the keys table pages and sorts on the server", async ({ page }) => {
  const email = "ci-keys-pager@example.com";
  await devSignIn(page, email, "/developers/api-keys");
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ teamId: string }>(
      `SELECT m."teamId" FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1 LIMIT 1`,
      [email],
    );
    const teamId = rows[0]?.teamId as string;
    for (let i = 0; i < 12; i++) {
      const id = `e2e_pager_${i}_${Date.now()}`;
      await client.query(
        `INSERT INTO "Subscription" (id, "teamId", "stripeSubscriptionId", "stripeCustomerId", status,
           "currentPeriodEnd", "updatedAt") VALUES ($1, $2, $3, $4, 'active', now() + interval '30 days', now())`,
        [id, teamId, `sub_${id}`, `cus_${id}`],
      );
      await client.query(
        `INSERT INTO "CiApiKey" (id, "teamId", "subscriptionId", label, prefix, "secretHash", "createdAt", "updatedAt")
         VALUES ($1, $2, $3, $4, 'sck_abcdef', md5($1) || md5($3), now() - ($5 || ' minutes')::interval, now())`,
        [`key_${id}`, teamId, id, `key ${String.fromCharCode(108 - i)}`, String(i)],
      );
    }
  } finally {
    await client.end();
  }
  await page.reload();
  await expect(page.getByText("Page 1 of 2 · 12 keys")).toBeVisible();
  await expect(page.getByTestId("ci-key-row")).toHaveCount(10);
  await page.getByRole("link", { name: "Next →" }).click();
  await page.waitForURL(/page=2/);
  await expect(page.getByTestId("ci-key-row")).toHaveCount(2);
  await page.getByRole("link", { name: "Sort by Label" }).click();
  await page.waitForURL(/sort=label&dir=asc|dir=asc.*sort=label|sort=label.*dir=asc/);
  await expect(page.getByText("Page 1 of 2 · 12 keys")).toBeVisible();
  await expect(page.getByTestId("ci-key-row").first()).toContainText("key a");
  await expect(page.getByRole("columnheader", { name: "Label" })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
});
