// fixedQuery reuses Kysely's compiled SQL only when it has proven that each argument is exactly
// one parameter, in order; otherwise it compiles every call, so results are always right.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { fixedQuery, kdb } from "./kysely";

describe("fixedQuery", () => {
  it("answers with each call's own values, reused or not", async () => {
    const inOrder = fixedQuery((a: string, b: string) =>
      kdb().selectNoFrom([sql<string>`${a}::text`.as("x"), sql<string>`${b}::text`.as("y")]),
    );
    const swapped = fixedQuery((a: string, b: string) =>
      kdb().selectNoFrom([sql<string>`${b}::text`.as("y"), sql<string>`${a}::text`.as("x")]),
    );
    const twice = fixedQuery((a: string) =>
      kdb().selectNoFrom([sql<string>`${a}::text`.as("x"), sql<string>`${a}::text || '!'`.as("y")]),
    );
    for (const [a, b] of [
      ["1", "2"],
      ["3", "4"],
      ["5", "5"],
      ["6", "7"],
    ] as const) {
      expect(await inOrder(a, b)).toEqual([{ x: a, y: b }]);
      expect(await swapped(a, b)).toEqual([{ x: a, y: b }]);
      expect(await twice(a)).toEqual([{ x: a, y: `${a}!` }]);
    }
  });
});
