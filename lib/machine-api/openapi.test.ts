// The OpenAPI 3.1 document is generated from the same zod schemas that validate requests: it is
// structurally valid (every $ref resolves, every security requirement names a scheme and its
// scopes), covers every route of the app with the statuses it can answer, its examples fit their
// schemas, and real answers from the running app fit the schemas documented for their status.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { SCOPES } from "@/lib/credentials/api-clients/scopes";
import { machineApp, machineOpenApiDocument, OPENAPI_PATH } from "@/lib/machine-api/app";
import { buildReference } from "@/lib/machine-api/reference";
import { admitRun } from "@/lib/runs/admit-run";
import { bearerFor, teamWithKey } from "@/test/machine-api";

type Json = Record<string, unknown>;
const doc = machineOpenApiDocument();
const METHODS = ["get", "post", "put", "patch", "delete"];

function operations() {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => (item as Json)[m]).map((m) => ({
      method: m.toUpperCase(),
      path,
      op: (item as Json)[m] as Json,
    })),
  );
}

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

/** A response config's JSON media type object (schema and example), if it has one. */
function mediaOf(res: unknown): { schema?: unknown; example?: unknown } | undefined {
  const content = (res as { content?: Json } | undefined)?.content;
  return content?.["application/json"] as { schema?: unknown; example?: unknown } | undefined;
}

/** The zod schema the route declares for `status` (from the app's own route registry). */
function responseSchema(method: string, path: string, status: number): z.ZodType {
  for (const def of machineApp.openAPIRegistry.definitions) {
    if (def.type !== "route") continue;
    if (def.route.method.toUpperCase() !== method || def.route.path !== path) continue;
    const schema = mediaOf(def.route.responses[status])?.schema;
    if (schema && typeof schema === "object" && "safeParse" in schema) return schema as z.ZodType;
  }
  throw new Error(`no ${status} schema for ${method} ${path}`);
}

describe("the OpenAPI document", () => {
  it("is structurally valid OpenAPI 3.1 and every $ref resolves", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    const components = doc.components as Json;
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(20);
    for (const ref of all) {
      const [, section, kind, name] = ref.split("/");
      expect(section, ref).toBe("components");
      expect((components[kind ?? ""] as Json | undefined)?.[name ?? ""], ref).toBeDefined();
    }
    for (const { path, op } of operations()) {
      expect(op.responses, path).toBeTruthy();
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = ((op.parameters ?? []) as Json[])
        .filter((p) => p.in === "path")
        .map((p) => {
          expect(p.required, `${path} ${String(p.name)}`).toBe(true);
          return p.name;
        });
      expect(declared.sort(), path).toEqual(templated.sort());
    }
  });

  it("names a defined scheme (and real scopes) in every security requirement", () => {
    const schemes = (doc.components as Json).securitySchemes as Json;
    const oauthScopes = Object.keys(
      (((schemes.oauth2 as Json).flows as Json).clientCredentials as Json).scopes as Json,
    );
    expect(oauthScopes.sort()).toEqual([...SCOPES].sort());
    for (const { method, path, op } of operations()) {
      for (const requirement of (op.security ?? []) as Json[]) {
        for (const [name, scopes] of Object.entries(requirement)) {
          expect(schemes[name], `${method} ${path}: ${name}`).toBeDefined();
          for (const s of scopes as string[]) expect(oauthScopes).toContain(s);
        }
      }
    }
  });

  it("covers every route of the app, each with the statuses its auth and input can answer", () => {
    const routes = machineApp.routes
      .filter((r) => METHODS.includes(r.method.toLowerCase()) && r.path !== OPENAPI_PATH)
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    const documented = operations().map(({ method, path }) => `${method} ${path}`);
    expect([...new Set(routes)].sort()).toEqual(documented.sort());
    expect(documented).toHaveLength(46);
    for (const { method, path, op } of operations()) {
      const statuses = Object.keys(op.responses as Json);
      const security = JSON.stringify(op.security ?? []);
      const label = `${method} ${path}`;
      if (security.includes("ciKey")) expect(statuses, label).toContain("401");
      if (security.includes("oauth2"))
        expect(statuses, label).toEqual(expect.arrayContaining(["401", "403"]));
      if (path.includes("{id}"))
        expect(statuses, label).toEqual(expect.arrayContaining(["400", "404"]));
      if (op.requestBody) expect(statuses, label).toEqual(expect.arrayContaining(["400", "413"]));
      if (security.includes("ciKey") && op.requestBody) {
        expect(statuses, label).toEqual(expect.arrayContaining(["415", "429"]));
      }
      for (const [status, res] of Object.entries(op.responses as Json)) {
        const json = ((res as Json).content as Json | undefined)?.["application/json"] as Json;
        expect(json?.example, `${label} ${status} example`).toBeDefined();
      }
    }
    for (const code of ["400", "401", "403", "404", "409", "413", "415", "429"]) {
      expect(buildReference(doc).statuses.map((s) => s.status)).toContain(code);
    }
  });

  it("has examples that fit their own schemas", () => {
    let checked = 0;
    for (const def of machineApp.openAPIRegistry.definitions) {
      if (def.type !== "route") continue;
      for (const [status, res] of Object.entries(def.route.responses)) {
        const json = mediaOf(res);
        const schema = json?.schema;
        if (!schema || typeof schema !== "object" || !("safeParse" in schema)) continue;
        if (json.example === undefined) continue;
        const parsed = (schema as z.ZodType).safeParse(json.example);
        expect(parsed.success, `${def.route.method} ${def.route.path} ${status}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  it("is served at GET /api/openapi.json", async () => {
    const res = await machineApp.request(OPENAPI_PATH);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});

describe("real answers fit the documented schemas", () => {
  it("for a sample of successes and errors of every auth kind", async () => {
    const t = await teamWithKey("Schemas");
    const started = await admitRun({ teamId: t.team.id, siteId: t.site.id, source: "manual" });
    if (!started.ok) throw new Error("not admitted");
    const runId = started.run.id;
    const { token } = await bearerFor(t.team.id, ["full"]);
    const key = { "x-ci-api-key": t.secret };
    const bearer = { authorization: `Bearer ${token}` };
    const json = { "content-type": "application/json" };
    const samples: [string, string, string, RequestInit, number][] = [
      ["GET", "/agent/runs", "/agent/runs?limit=2", { headers: key }, 200],
      ["GET", "/agent/sites", "/agent/sites?limit=1", { headers: key }, 200],
      ["GET", "/agent/sites", "/agent/sites?cursor=%21", { headers: key }, 400],
      ["GET", "/agent/runs/{id}", `/agent/runs/${runId}`, { headers: key }, 200],
      ["GET", "/agent/runs/{id}", "/agent/runs/nope", { headers: key }, 404],
      ["GET", "/agent/runs", "/agent/runs?limit=0", { headers: key }, 400],
      [
        "POST",
        "/api/trigger/ci",
        "/api/trigger/ci",
        { method: "POST", headers: json, body: "{}" },
        401,
      ],
      [
        "POST",
        "/api/trigger/ci",
        "/api/trigger/ci",
        { method: "POST", headers: { ...key, ...json }, body: "{}" },
        400,
      ],
      [
        "POST",
        "/api/trigger/ci",
        "/api/trigger/ci",
        { method: "POST", headers: key, body: "x" },
        415,
      ],
      [
        "POST",
        "/api/trigger/ci",
        "/api/trigger/ci",
        {
          method: "POST",
          headers: { ...key, ...json },
          body: JSON.stringify({ site_id: t.site.id }),
        },
        202,
      ],
      ["GET", "/api/v1/team", "/api/v1/team", { headers: bearer }, 200],
      ["GET", "/api/v1/sites", "/api/v1/sites?limit=1", { headers: bearer }, 200],
      ["GET", "/api/v1/sites/{id}", `/api/v1/sites/${t.site.id}`, { headers: bearer }, 200],
      ["GET", "/api/v1/runs", "/api/v1/runs", { headers: bearer }, 200],
      ["GET", "/api/v1/runs/{id}", `/api/v1/runs/${runId}`, { headers: bearer }, 200],
      ["GET", "/api/v1/runs/{id}/logs", `/api/v1/runs/${runId}/logs`, { headers: bearer }, 200],
      ["GET", "/api/v1/runs/{id}/pages", `/api/v1/runs/${runId}/pages`, { headers: bearer }, 200],
      [
        "POST",
        "/api/v1/runs/{id}/cancel",
        `/api/v1/runs/${runId}/cancel`,
        { method: "POST", headers: bearer },
        200,
      ],
      [
        "POST",
        "/api/v1/runs/{id}/cancel",
        `/api/v1/runs/${runId}/cancel`,
        { method: "POST", headers: bearer },
        409,
      ],
      ["GET", "/api/v1/sites", "/api/v1/sites", {}, 401],
      ["GET", "/.well-known/jwks.json", "/.well-known/jwks.json", {}, 200],
    ];
    for (const [method, path, url, init, status] of samples) {
      const res = await machineApp.request(url, init);
      const label = `${method} ${url}`;
      expect(res.status, label).toBe(status);
      const parsed = responseSchema(method, path, status).safeParse(await res.json());
      expect(parsed.success, `${label}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });
});
