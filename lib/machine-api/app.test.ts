// The machine app's edges: every route file under app/ delegates to it, every machine path is in
// it, and malformed input anywhere on a machine path is a clear 4xx JSON answer (never a 500).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { machineApp, machineOpenApiDocument } from "@/lib/machine-api/app";
import { isMachinePath } from "@/lib/machine-api/paths";
import { bearerFor, teamWithKey } from "@/test/machine-api";

const APP = path.resolve(import.meta.dirname, "../../app");
const MACHINE_ROOTS = [
  "api/trigger",
  "api/agents",
  "api/oauth",
  "api/v1",
  "api/stripe",
  "api/secret-scanning",
  "api/openapi.json",
  "agent",
  ".well-known",
];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

const toPath = (file: string) =>
  "/" +
  path
    .relative(APP, path.dirname(file))
    .split(path.sep)
    .map((seg) => seg.replace(/^\[(.+)\]$/, "{$1}"))
    .join("/");

const send = (url: string, init: RequestInit = {}) =>
  machineApp.fetch(new Request(new URL(url, "http://localhost"), init));

describe("route files and the machine app", () => {
  it("every machine route file under app/ only delegates to the machine app", () => {
    const files = MACHINE_ROOTS.flatMap((root) => routeFiles(path.join(APP, root)));
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) {
      const code = readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.trim() && !l.startsWith("//"));
      expect(code, file).toEqual([
        'export { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } from "@/lib/machine-api/next-route";',
        'export const dynamic = "force-dynamic";',
      ]);
    }
  });

  it("every route file's path is an operation of the app, and every operation has a route file", () => {
    const files = MACHINE_ROOTS.flatMap((root) => routeFiles(path.join(APP, root)))
      .map(toPath)
      .sort();
    const documented = Object.keys(machineOpenApiDocument().paths ?? {});
    expect([...documented, "/api/openapi.json"].sort()).toEqual(files);
    for (const p of files) expect(isMachinePath(p.replace(/\{id\}/g, "x")), p).toBe(true);
  });

  it("keeps pages that look alike out of the machine paths", () => {
    for (const p of ["/agents", "/api/auth/session", "/sites/x", "/apiary", "/agentsx"]) {
      expect(isMachinePath(p), p).toBe(false);
    }
  });
});

describe("malformed requests on machine paths", () => {
  it("answers malformed percent-encoding in any path with a 400 JSON error", async () => {
    for (const url of [
      "/api/v1/sites/%ZZ",
      "/agent/runs/%",
      "/api/trigger/ci%E0%A4%A",
      "/.well-known/jwks.json%",
    ]) {
      const res = await send(url, { headers: { authorization: "Bearer x" } });
      expect(res.status, url).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        "invalid_request",
      );
    }
  });

  it("answers NUL in ids, query parameters and body strings with 400, never 500", async () => {
    const t = await teamWithKey("Nul");
    const { token } = await bearerFor(t.team.id, ["full"]);
    const bearer = { authorization: `Bearer ${token}` };
    const key = { "x-ci-api-key": t.secret, "content-type": "application/json" };
    const answers = [
      await send("/api/v1/sites/ab%00cd", { headers: bearer }),
      await send("/agent/runs/ab%00cd", { headers: key }),
      await send("/api/v1/runs?site_id=a%00b", { headers: bearer }),
      await send("/agent/runs?status=queued%00", { headers: key }),
      await send("/api/trigger/ci", {
        method: "POST",
        headers: key,
        body: JSON.stringify({ site_id: t.site.id, branch: "main\u0000" }),
      }),
      await send("/api/v1/sites", {
        method: "POST",
        headers: { ...bearer, "content-type": "application/json" },
        body: JSON.stringify({ name: "N\u0000", start_url: "https://x.test/" }),
      }),
    ];
    for (const res of answers) {
      expect(res.status, res.url).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/json");
    }
  });

  it("answers unsupported methods on a known path with 405 and Allow (TRACE: server/main.ts)", async () => {
    for (const method of ["PROPFIND", "PUT", "OPTIONS"]) {
      const res = await send("/api/trigger/ci", { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get("allow")).toBe("POST");
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        "method_not_allowed",
      );
    }
    const sites = await send("/api/v1/sites/x", { method: "PUT" });
    expect(sites.headers.get("allow")).toBe("GET, PATCH, DELETE, HEAD");
    const unknown = await send("/api/v1/nothing-here");
    expect(unknown.status).toBe(404);
  });

  it("answers HEAD like GET without a body", async () => {
    const res = await send("/.well-known/jwks.json", { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });
});
