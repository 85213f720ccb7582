// Layering of lib/: domain folders never import the HTTP layer (lib/http, lib/machine-api), and
// lib/ folders import each other without cycles. Type-only imports are ignored (erased at build).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const LIB = import.meta.dirname;
const HTTP_LAYER = new Set(["http", "machine-api"]);
// Folders allowed to use the HTTP layer: the layer itself and the server-action wrapper.
const NOT_DOMAIN = new Set(["http", "machine-api", "actions", "generated"]);
// Cycles that exist between folders today and are not this change's to untangle; anything new
// fails. teams ↔ auth: the page context needs the session and sign-in creates the personal team.
// teams ↔ credentials: invite tokens use the key-material helpers; key rotation checks team roles.
const KNOWN_CYCLES = ["auth ↔ teams", "credentials ↔ teams"];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sources(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

const folderOf = (rel: string) => (rel.includes("/") ? (rel.split("/")[0] ?? "") : "(root)");

function folderGraph() {
  const graph = new Map<string, Set<string>>();
  for (const file of sources(LIB)) {
    const from = folderOf(path.relative(LIB, file));
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+"@\/lib\/([^"]+)"/gms)) {
      if (m[1]) continue;
      const to = folderOf(m[2] ?? "");
      if (to !== from) (graph.get(from) ?? graph.set(from, new Set()).get(from))?.add(to);
    }
  }
  return graph;
}

function reaches(graph: Map<string, Set<string>>, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const x = stack.pop() as string;
    if (x === to) return true;
    if (seen.has(x)) continue;
    seen.add(x);
    stack.push(...(graph.get(x) ?? []));
  }
  return false;
}

describe("lib/ layering", () => {
  it("keeps domain folders free of HTTP: no lib/http or lib/machine-api imports", () => {
    const graph = folderGraph();
    expect(graph.size).toBeGreaterThan(10);
    for (const [from, tos] of graph) {
      if (NOT_DOMAIN.has(from)) continue;
      for (const to of tos) expect(HTTP_LAYER.has(to), `${from} → ${to}`).toBe(false);
    }
  });

  it("has no import cycles between lib/ folders beyond the known ones", () => {
    const graph = folderGraph();
    const cycles = new Set<string>();
    for (const [from, tos] of graph) {
      for (const to of tos) {
        if (reaches(graph, to, from)) cycles.add([from, to].sort().join(" ↔ "));
      }
    }
    expect([...cycles].sort()).toEqual(KNOWN_CYCLES);
  });
});
