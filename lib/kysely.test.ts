// preparedQuery compiles each shape once and then only substitutes the call's arguments; where it
// cannot prove where an argument goes it compiles every call, so results are always right.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { kdb, preparedQuery } from "./kysely";

describe("preparedQuery", () => {
  it("answers with each call's own values, whatever the parameter order", async () => {
    let builds = 0;
    const inOrder = preparedQuery((a: string, b: string) => {
      builds++;
      return kdb().selectNoFrom([sql<string>`${a}::text`.as("x"), sql<string>`${b}::text`.as("y")]);
    });
    const swapped = preparedQuery((a: string, b: string) =>
      kdb().selectNoFrom([sql<string>`${b}::text`.as("y"), sql<string>`${a}::text`.as("x")]),
    );
    const twice = preparedQuery((a: string) =>
      kdb().selectNoFrom([sql<string>`${a}::text`.as("x"), sql<string>`${a}::text || '!'`.as("y")]),
    );
    // A constant parameter that equals an argument's value must stay a constant.
    const constant = preparedQuery((a: string) =>
      kdb().selectNoFrom([sql<string>`${a}::text`.as("x"), sql<string>`${"5"}::text`.as("c")]),
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
      expect(await constant(a)).toEqual([{ x: a, c: "5" }]);
    }
    // Compiled once, with stand-ins, for all four calls.
    expect(builds).toBe(1);
  });

  it("keeps one shape per set of undefined arguments", async () => {
    const filtered = preparedQuery((a: string, b: string | undefined) =>
      kdb()
        .selectNoFrom([sql<string>`${a}::text`.as("x")])
        .$if(b !== undefined, (q) => q.select(sql<string>`${b ?? ""}::text`.as("y"))),
    );
    for (const b of [undefined, "b1", undefined, "b2"]) {
      expect(await filtered("a", b)).toEqual([b === undefined ? { x: "a" } : { x: "a", y: b }]);
    }
  });

  it("compiles every call when an argument is altered or lands in the SQL text", async () => {
    let builds = 0;
    const altered = preparedQuery((a: string) => {
      builds++;
      return kdb().selectNoFrom([sql<string>`${`${a}!`}::text`.as("x")]);
    });
    const inlined = preparedQuery((a: string) =>
      kdb().selectNoFrom([sql<string>`${sql.lit(a)}::text`.as("x")]),
    );
    for (const a of ["1", "2", "3"]) {
      expect(await altered(a)).toEqual([{ x: `${a}!` }]);
      expect(await inlined(a)).toEqual([{ x: a }]);
    }
    // The stand-in compile, then one per call.
    expect(builds).toBe(4);
  });
});
