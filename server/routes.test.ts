import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FAST_ROUTES } from "./routes";

const APP = path.resolve(import.meta.dirname, "..", "app");
// The machine APIs: every route file below these folders must be on the fast path.
const MACHINE_ROOTS = ["api/trigger", "agent", "api/v1", "api/oauth", ".well-known"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

const toPattern = (file: string) =>
  "/" +
  path
    .relative(APP, path.dirname(file))
    .split(path.sep)
    .map((seg) => seg.replace(/^\[(.+)\]$/, ":$1"))
    .join("/");

describe("fast-path route table", () => {
  it("lists every machine API route file under app/, and nothing else", () => {
    const onDisk = MACHINE_ROOTS.flatMap((root) => routeFiles(path.join(APP, root)))
      .map(toPattern)
      .sort();
    expect(onDisk.length).toBeGreaterThan(10);
    expect(FAST_ROUTES.map(([pattern]) => pattern).sort()).toEqual(onDisk);
  });
});
