// Issue 11's page-route pass against the production server (dist/server.mjs): every page and
// route handler under app/ — found by walking the directory tree, so a new page is covered without
// edits here — requested with malformed params and queries, signed out and signed in, must never
// be answered 5xx. Server-action POSTs with malformed bodies are 4xx, and TRACE and other odd
// methods are refused by the pre-route with 400.
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { baseURL } from "../playwright.config";
import { devSignIn } from "./helpers";

// Playwright runs from the repository root.
const APP = path.resolve("app");

/** Every page and route handler under app/, as URL templates ("/sites/[siteId]"). */
function routeTemplates(dir = APP): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("_") ? [] : routeTemplates(full);
    if (!/^(page\.tsx|route\.ts)$/.test(entry.name)) return [];
    const segments = path
      .relative(APP, dir)
      .split(path.sep)
      .filter((s) => s && !/^\(.+\)$/.test(s));
    return [`/${segments.join("/")}`];
  });
}

/** Raw, already-encoded values a param can arrive as (the URL keeps them as written). */
const MALFORMED = [
  "%ZZ",
  "%00",
  "%",
  "a%E0%A4%A",
  "%C0%AF",
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e",
  "x".repeat(4000),
  "%E2%98%83%F0%9F%92%A9",
  "%ED%A0%80",
  "%20%0A",
];
const MALFORMED_QUERY = "?callbackUrl=%ZZ&status=%00&page=1e309&siteId=%&q=" + "y".repeat(3000);

function urlsFor(template: string): string[] {
  if (!template.includes("[")) {
    return [template, template + MALFORMED_QUERY, `${template === "/" ? "" : template}/%ZZ`];
  }
  return MALFORMED.map((v) => template.replace(/\[(\.\.\.)?[^\]]+\]/g, v));
}

const templates = routeTemplates();
const urls = [...new Set(templates.flatMap(urlsFor))];

async function expectNo5xx(client: APIRequestContext, label: string) {
  const failures: string[] = [];
  for (const url of urls) {
    for (const method of ["GET", "POST"] as const) {
      const res = await client.fetch(url, { method, maxRedirects: 0, failOnStatusCode: false });
      if (res.status() >= 500) failures.push(`${method} ${url.slice(0, 120)} → ${res.status()}`);
    }
  }
  expect(failures, `${label}: ${urls.length} URLs`).toEqual([]);
}

test("the walk finds every kind of page and route handler", () => {
  for (const t of ["/sites/[siteId]", "/runs/[runId]", "/invite/[token]", "/teams/[slug]"]) {
    expect(templates).toContain(t);
  }
  expect(templates).toContain("/api/auth/[...nextauth]");
  expect(templates).toContain("/docs/api");
  expect(templates.length).toBeGreaterThan(35);
});

test("malformed params on every page and route: no 5xx signed out", async () => {
  test.setTimeout(180_000);
  const client = await request.newContext({ baseURL });
  const dashboard = await client.get("/dashboard", { maxRedirects: 0 });
  expect(dashboard.status(), "signed out: the dashboard sends to sign-in").toBe(307);
  await expectNo5xx(client, "signed out");
  await client.dispose();
});

test("malformed params on every page and route: no 5xx signed in", async ({ page }) => {
  test.setTimeout(180_000);
  await devSignIn(page, `fuzz-${Date.now()}@example.com`);
  const dashboard = await page.request.get("/dashboard", { maxRedirects: 0 });
  expect(dashboard.status(), "signed in: the dashboard renders").toBe(200);
  await expectNo5xx(page.request, "signed in");
});

test("server-action POSTs with malformed bodies are refused with 4xx", async ({ page }) => {
  await devSignIn(page, `fuzz-actions-${Date.now()}@example.com`);
  const boundary = "FuzzBoundary";
  const multipart = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}"\r\n` +
    `Content-Type: application/octet-stream\r\n\r\n${value}\r\n--${boundary}--\r\n`;
  const bodies: [string, string][] = [
    [`multipart/form-data; boundary=${boundary}`, multipart("../../etc/passwd", "x")],
    [`multipart/form-data; boundary=${boundary}`, multipart("0", "not json")],
    [`multipart/form-data; boundary=${boundary}`, "--FuzzBoundary\r\ngarbage"],
    ["multipart/form-data", "no boundary at all"],
    ["text/plain;charset=UTF-8", "{not json"],
    ["text/plain;charset=UTF-8", "\u0000\u0001"],
    ["application/json", '{"a":1}'],
  ];
  const failures: string[] = [];
  for (const target of ["/settings/members", "/sites/new", "/developers/api-keys", "/dashboard"]) {
    for (const actionId of ["7f".repeat(20), "%ZZ", "x"]) {
      for (const [type, data] of bodies) {
        const res = await page.request.post(target, {
          headers: { "next-action": actionId, "content-type": type },
          data,
          maxRedirects: 0,
          failOnStatusCode: false,
        });
        if (res.status() < 400 || res.status() >= 500) {
          failures.push(`${target} ${type} ${JSON.stringify(data.slice(0, 30))} → ${res.status()}`);
        }
      }
    }
  }
  expect(failures).toEqual([]);
});

test("TRACE and other odd methods are refused with 400 on pages and the API", async () => {
  const client = await request.newContext({ baseURL });
  for (const url of ["/", "/sites/x", "/api/auth/session", "/api/v1/sites", "/invite/%ZZ"]) {
    for (const method of ["TRACE", "TRACK", "PROPFIND", "FOO"]) {
      const res = await client.fetch(url, { method, failOnStatusCode: false, maxRedirects: 0 });
      const body = await res.text();
      expect(res.status(), `${method} ${url}`).toBe(400);
      expect(body, `${method} ${url}`).toContain('"code":"invalid_request"');
    }
  }
  await client.dispose();
});
