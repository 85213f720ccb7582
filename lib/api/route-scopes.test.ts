// Every REST route file under app/api/v1 is in the scope matrix, and uses it: a new route cannot
// ship without deciding which scope it needs.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTE_SCOPES } from "@/lib/credentials/api-clients/scopes";

const ROOT = path.resolve(import.meta.dirname, "../../app/api/v1");

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return entry === "route.ts" ? [full] : [];
  });
}

describe("ROUTE_SCOPES", () => {
  it("lists exactly the methods the /api/v1 route files export, and each uses its entry", () => {
    const found: string[] = [];
    for (const file of routeFiles(ROOT)) {
      const url = `/api/v1/${path.relative(ROOT, path.dirname(file))}`
        .replace(/\/$/, "")
        .replace(/\[(\w+)\]/g, "{$1}");
      const source = readFileSync(file, "utf8");
      for (const [, method] of source.matchAll(/export const (GET|POST|PATCH|PUT|DELETE) =/g)) {
        const key = `${method} ${url}`;
        found.push(key);
        expect(source, key).toContain(`bearerRoute`);
        expect(source, key).toContain(`ROUTE_SCOPES["${key}"]`);
      }
    }
    expect(found.sort()).toEqual(Object.keys(ROUTE_SCOPES).sort());
  });
});
