import { describe, expect, it } from "vitest";
import { grants, narrowScopes } from "./scopes";

describe("scopes", () => {
  it("full includes everything; read includes logs:read but no writes", () => {
    expect(grants(["full"], "runs:write")).toBe(true);
    expect(grants(["read"], "logs:read")).toBe(true);
    expect(grants(["read"], "runs:write")).toBe(false);
    expect(grants(["read"], "full")).toBe(false);
    expect(grants(["logs:read"], "read")).toBe(false);
    expect(grants(["runs:write", "read"], "read")).toBe(true);
    expect(grants(["bogus"], "read")).toBe(false);
  });

  it("narrows to requested scopes the client holds and refuses the rest", () => {
    expect(narrowScopes(["full"], null)).toEqual(["full"]);
    expect(narrowScopes(["full"], "logs:read read")).toEqual(["read", "logs:read"]);
    expect(narrowScopes(["read"], "full")).toBeNull();
    expect(narrowScopes(["read"], "admin")).toBeNull();
    expect(narrowScopes(["runs:write"], "  ")).toEqual(["runs:write"]);
  });
});
