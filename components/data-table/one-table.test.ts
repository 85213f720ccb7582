// Every table in the app is the one data table: no hand-written <table> and no second TanStack
// setup outside components/data-table.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const OWN = path.join("components", "data-table") + path.sep;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory())
      return e.name === "node_modules" || e.name === "generated" ? [] : sourceFiles(rel);
    return /\.(tsx|ts|jsx|js|mdx)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [rel] : [];
  });
}

const files = ["app", "components", "lib"].flatMap(sourceFiles);

describe("one data table", () => {
  it("finds the source tree (guards against a vacuous pass)", () => {
    expect(files.some((f) => f.startsWith(OWN))).toBe(true);
    expect(files.length).toBeGreaterThan(50);
  });

  it("has no <table> element outside components/data-table", () => {
    const offenders = files.filter(
      (f) => !f.startsWith(OWN) && /<table[\s>]/.test(readFileSync(path.join(ROOT, f), "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("imports TanStack Table only inside components/data-table", () => {
    const offenders = files.filter(
      (f) =>
        !f.startsWith(OWN) &&
        /from ["']@tanstack\/(react-)?table/.test(readFileSync(path.join(ROOT, f), "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
