// The machine APIs on the built server: the API reference page, and the 401 answers of the CI
// trigger, the Agent API and the REST API (the paid-key flow is in the API keys spec).
import { expect, test } from "@playwright/test";

test("the API reference documents the CI trigger, Agent API and REST routes with scopes", async ({
  page,
}) => {
  await page.goto("/docs");
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  for (const name of ["CI trigger", "Agent API", "REST API", "Status codes"]) {
    await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  }
  const routes = page.getByRole("table").filter({ hasText: "Scope needed" });
  await expect(routes.getByRole("row", { name: /POST \/api\/v1\/runs runs:write/ })).toBeVisible();
  await expect(
    routes.getByRole("row", { name: /DELETE \/api\/v1\/sites\/\{id\} full/ }),
  ).toBeVisible();
});

test("bad CI keys get one identical 401 from the trigger and the Agent API", async ({
  request,
}) => {
  const bodies = new Set<string>();
  const keys = [undefined, "", "sck_short", "sck_" + "A".repeat(38)];
  for (const key of keys) {
    const headers: Record<string, string> = key === undefined ? {} : { "x-ci-api-key": key };
    const trigger = await request.post("/api/trigger/ci", { headers, data: { site_id: "x" } });
    expect(trigger.status()).toBe(401);
    expect(trigger.headers()["www-authenticate"]).toBe('Bearer realm="signal-diff"');
    bodies.add(await trigger.text());
    const agent = await request.get("/agent/runs?limit=1", { headers });
    expect(agent.status()).toBe(401);
    bodies.add(await agent.text());
  }
  expect(bodies.size).toBe(1);
  expect(JSON.parse([...bodies][0] ?? "{}")).toMatchObject({ error: { code: "unauthorized" } });
});

test("the REST API refuses a missing or forged bearer token with invalid_token", async ({
  request,
}) => {
  for (const authorization of [undefined, "Bearer not.a.jwt", "Basic Zm9vOmJhcg=="]) {
    const res = await request.get("/api/v1/sites?limit=1", {
      headers: authorization ? { authorization } : {},
    });
    expect(res.status()).toBe(401);
    expect(res.headers()["www-authenticate"]).toContain('error="invalid_token"');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_token");
  }
});

test("machine API answers (dist/server.mjs → the machine app) carry the same security headers as pages", async ({
  request,
}) => {
  const page = await request.get("/sign-in");
  const api = await request.post("/api/trigger/ci", { data: { site_id: "x" } });
  const jwks = await request.get("/.well-known/jwks.json");
  expect(api.status()).toBe(401);
  expect(jwks.status()).toBe(200);
  for (const name of [
    "x-content-type-options",
    "referrer-policy",
    "strict-transport-security",
    "x-frame-options",
    "content-security-policy",
  ]) {
    expect(page.headers()[name], name).toBeTruthy();
    expect(api.headers()[name], name).toBe(page.headers()[name]);
    expect(jwks.headers()[name], name).toBe(page.headers()[name]);
  }
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  // A method the route does not serve: the machine app's 405 with Allow.
  const put = await request.put("/api/trigger/ci", { data: {} });
  expect(put.status()).toBe(405);
  expect(put.headers()["allow"]).toBe("POST");
});

test("the production server answers TRACE and malformed paths with a 400 JSON error, not a 500", async ({
  request,
}) => {
  for (const path of [
    "/sites/%ZZ",
    "/invite/%",
    "/teams/%",
    "/api/v1/sites/%ZZ",
    "/agent/runs/%",
  ]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
  }
  for (const path of ["/sign-in", "/api/trigger/ci"]) {
    const res = await request.fetch(path, { method: "TRACE" });
    expect(res.status(), path).toBe(400);
  }
});

test("GET /api/openapi.json serves the OpenAPI 3.1 document the API reference renders", async ({
  request,
  page,
}) => {
  const res = await request.get("/api/openapi.json");
  expect(res.status()).toBe(200);
  const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toContain("/api/v1/runs/{id}/pages");
  await page.goto("/docs/api");
  await expect(
    page.getByRole("heading", { level: 3, name: "GET /api/v1/runs/{id}/pages" }),
  ).toBeVisible();
});
