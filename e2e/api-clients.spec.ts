import { expect, test } from "@playwright/test";
import { devSignIn } from "./helpers";

test.describe.configure({ mode: "serial" });

test("an API client: created, revealed once, used for a token, deleted", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await devSignIn(page, "clients-owner@example.com", "/developers/api-keys");
  await expect(page.getByRole("heading", { name: "API clients" })).toBeVisible();

  // Server-side validation of the label.
  await page.getByRole("button", { name: "New API key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Label").fill("   ");
  await dialog.getByRole("button", { name: "Create API key" }).click();
  await expect(dialog.getByText("Give the key a descriptive label")).toBeVisible();

  await dialog.getByLabel("Label").fill("ci-pipeline");
  await dialog.getByLabel("Expiration").selectOption("90");
  await dialog.getByRole("button", { name: "Create API key" }).click();

  const banner = page.getByTestId("reveal-banner");
  await expect(banner).toContainText("API key ci-pipeline created");
  await expect(banner).toContainText(
    "If you forget to copy the secret, delete the key and create a new one.",
  );
  const clientId = (await page.getByTestId("revealed-client-id").textContent()) ?? "";
  const secret = (await page.getByTestId("revealed-client-secret").textContent()) ?? "";
  expect(clientId).toMatch(/^dh_live_[0-9A-Za-z]{38}$/);
  expect(secret).toMatch(/^dh_secret_[0-9A-Za-z]{38}$/);

  // Dismissing before copying the secret asks first.
  await banner.getByRole("button", { name: "I have stored it — dismiss" }).click();
  await expect(page.getByRole("dialog")).toContainText("Dismiss without copying?");
  await page.getByRole("dialog").getByRole("button", { name: "Go back" }).click();
  await banner.getByRole("button", { name: "Copy client secret" }).click();
  await expect(banner.getByRole("button", { name: "Copied" })).toBeVisible();
  await banner.getByRole("button", { name: "I have stored it — dismiss" }).click();
  await expect(page.getByTestId("reveal-banner")).toHaveCount(0);

  // The list shows the full Client ID, never the secret — now and after a reload.
  const row = page.getByTestId("api-client-row").filter({ hasText: "ci-pipeline" });
  await expect(row.getByTestId("client-id")).toHaveText(clientId);
  await expect(row).toContainText("full");
  await expect(page.locator("body")).not.toContainText(secret);
  await page.reload();
  await expect(page.getByTestId("client-id")).toHaveText(clientId);
  await expect(page.locator("body")).not.toContainText(secret);
  expect(await page.content()).not.toContain(secret);

  // A token with those credentials reads the team through the REST API.
  const tokenRes = await page.request.post("/api/oauth/token", {
    form: { grant_type: "client_credentials", client_id: clientId, client_secret: secret },
  });
  expect(tokenRes.status()).toBe(200);
  const token = (await tokenRes.json()) as {
    access_token: string;
    token_type: string;
    expires_in: number;
  };
  expect(token.token_type).toBe("Bearer");
  const team = await page.request.get("/api/v1/team", {
    headers: { Authorization: `Bearer ${token.access_token}` },
  });
  expect(team.status()).toBe(200);
  expect(await team.json()).toMatchObject({ data: { name: "clients-owner's team" } });

  // Delete (without invalidating issued tokens).
  await row.getByRole("button", { name: "Delete ci-pipeline" }).click();
  await expect(page.getByRole("dialog")).toContainText("stay valid until they expire");
  await page.getByRole("dialog").getByRole("button", { name: "Delete API key" }).click();
  await expect(page.getByTestId("api-client-row")).toHaveCount(0);

  const refused = await page.request.post("/api/oauth/token", {
    form: { grant_type: "client_credentials", client_id: clientId, client_secret: secret },
  });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: "invalid_client" });
  // The seed's documented behaviour: a token issued before the delete works until it expires.
  const stillValid = await page.request.get("/api/v1/team", {
    headers: { Authorization: `Bearer ${token.access_token}` },
  });
  expect(stillValid.status()).toBe(200);
  const noToken = await page.request.get("/api/v1/team");
  expect(noToken.status()).toBe(401);
  expect(noToken.headers()["www-authenticate"]).toContain('error="invalid_token"');
});

test("deleting with 'also invalidate tokens already issued' kills issued tokens at once", async ({
  page,
}) => {
  await devSignIn(page, "clients-owner@example.com", "/developers/api-keys");
  await page.getByRole("button", { name: "New API key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Label").fill("production-server");
  // Read-only scope only.
  await dialog.getByRole("checkbox", { name: /Full access/ }).uncheck();
  await dialog.getByRole("checkbox", { name: /Read only/ }).check();
  await dialog.getByRole("button", { name: "Create API key" }).click();
  const clientId = (await page.getByTestId("revealed-client-id").textContent()) ?? "";
  const secret = (await page.getByTestId("revealed-client-secret").textContent()) ?? "";

  const basic = Buffer.from(`${clientId}:${secret}`).toString("base64");
  const tokenRes = await page.request.post("/api/oauth/token", {
    headers: { Authorization: `Basic ${basic}` },
    form: { grant_type: "client_credentials" },
  });
  expect(tokenRes.status()).toBe(200);
  const token = (await tokenRes.json()) as { access_token: string; scope: string };
  expect(token.scope).toBe("read");

  // The token verifies against the published JWKS.
  const jwks = (await (await page.request.get("/.well-known/jwks.json")).json()) as {
    keys: { kid: string }[];
  };
  const header = JSON.parse(
    Buffer.from(token.access_token.split(".")[0] ?? "", "base64url").toString(),
  ) as {
    kid: string;
    typ: string;
  };
  expect(header.typ).toBe("at+jwt");
  expect(jwks.keys.map((k) => k.kid)).toContain(header.kid);

  const auth = { Authorization: `Bearer ${token.access_token}` };
  expect((await page.request.get("/api/v1/team", { headers: auth })).status()).toBe(200);
  const patch = await page.request.patch("/api/v1/team", { headers: auth, data: { name: "Nope" } });
  expect(patch.status()).toBe(403);
  expect(await patch.json()).toMatchObject({ error: { code: "insufficient_scope" } });

  await page
    .getByTestId("reveal-banner")
    .getByRole("button", { name: "I have stored it — dismiss" })
    .click();
  await page.getByRole("dialog").getByRole("button", { name: "Dismiss anyway" }).click();
  const row = page.getByTestId("api-client-row").filter({ hasText: "production-server" });
  await expect(row).toContainText("read");
  await row.getByRole("button", { name: "Delete production-server" }).click();
  await page
    .getByRole("dialog")
    .getByLabel(/Also invalidate tokens already issued/)
    .check();
  await page.getByRole("dialog").getByRole("button", { name: "Delete API key" }).click();
  await expect(
    page.getByTestId("api-client-row").filter({ hasText: "production-server" }),
  ).toHaveCount(0);
  const after = await page.request.get("/api/v1/team", { headers: auth });
  expect(after.status()).toBe(401);
  expect(after.headers()["www-authenticate"]).toContain('error="invalid_token"');
});

test("legacy API key URLs redirect permanently", async ({ page }) => {
  for (const path of ["/api-keys", "/settings/api-keys"]) {
    const res = await page.request.get(path, { maxRedirects: 0 });
    expect(res.status()).toBe(308);
    expect(res.headers()["location"]).toBe("/developers/api-keys");
  }
});

test("a viewer sees API keys read-only", async ({ page, browser }) => {
  await devSignIn(page, "clients-owner@example.com", "/settings/members");
  await page.getByLabel("Role").selectOption("viewer");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByTestId("invite-link").inputValue();

  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await devSignIn(viewer, "clients-viewer@example.com");
  await viewer.goto(link);
  await viewer.getByRole("button", { name: "Accept invite" }).click();
  await viewer.waitForURL("**/dashboard");
  await viewer.goto("/developers/api-keys");
  await expect(viewer.getByText("You have read-only access")).toBeVisible();
  await expect(viewer.getByRole("heading", { name: "API clients" })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "New API key" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /^Delete / })).toHaveCount(0);
  await viewerContext.close();
});
