// The HTTP layer's tenant check for bearer-token routes: another team's resource is a 403.
import { describe, expect, it } from "vitest";
import type { DomainError } from "@/lib/errors";
import { assertSameTeam } from "@/lib/http/bearer-auth";
import { statusOf } from "@/lib/http/error-response";

describe("assertSameTeam", () => {
  it("answers 403 for another team's resource and passes the token's own team", () => {
    expect(() => assertSameTeam({ teamId: "team_a" }, "team_a")).not.toThrow();
    for (const other of ["team_b", null, undefined, ""]) {
      let status = 0;
      try {
        assertSameTeam({ teamId: "team_a" }, other);
      } catch (error) {
        status = statusOf(error as DomainError);
      }
      expect(status).toBe(403);
    }
  });
});
