// Every REST route of the machine app (/api/v1) is in the scope matrix and declares exactly its
// entry as its security requirement: a new route cannot ship without deciding which scope it needs.
import { describe, expect, it } from "vitest";
import { ROUTE_SCOPES } from "@/lib/credentials/api-clients/scopes";
import { machineOpenApiDocument } from "@/lib/machine-api/app";

describe("ROUTE_SCOPES", () => {
  it("lists exactly the /api/v1 operations of the machine app, each secured by its scope", () => {
    const found: string[] = [];
    for (const [path, item] of Object.entries(machineOpenApiDocument().paths ?? {})) {
      if (!path.startsWith("/api/v1/")) continue;
      for (const [method, op] of Object.entries(item ?? {})) {
        if (!op || typeof op !== "object" || !("responses" in op)) continue;
        const key = `${method.toUpperCase()} ${path}` as keyof typeof ROUTE_SCOPES;
        found.push(key);
        expect(op.security, key).toEqual([{ oauth2: [ROUTE_SCOPES[key]] }]);
      }
    }
    expect(found.sort()).toEqual(Object.keys(ROUTE_SCOPES).sort());
  });
});
