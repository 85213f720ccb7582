// Every signaldiff command in the docs' samples exists and its flags parse, and the workflow
// sample uses the Action with inputs it declares and the two settings it reads.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCommand } from "@/cli/args";
import { COMMAND_SNIPPETS, WORKFLOW } from "./snippets";

const ROOT = path.resolve(import.meta.dirname, "../../../..");

/** Words of a shell command line, with '…' and "…" quoting (enough for the samples). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

/** The argv of each signaldiff invocation in a sample (after `node signaldiff.mjs` / `npx signaldiff`). */
function invocations(sample: string): string[][] {
  const found: string[][] = [];
  for (const raw of sample.split("\n")) {
    const line = raw.replace(/\s+#.*$/, "");
    const m = /(?:node signaldiff\.mjs|npx signaldiff)\s+(.*)$/.exec(line);
    if (!m) continue;
    const argv = words(m[1] ?? "");
    const end = argv.findIndex((w) => w === "|" || w === ">" || w === "&&" || w === ";");
    found.push(end === -1 ? argv : argv.slice(0, end));
  }
  return found;
}

function actionInputs(): string[] {
  const yml = readFileSync(path.join(ROOT, "github-action/action.yml"), "utf8");
  const block = /^inputs:\n([\s\S]*?)^\S/m.exec(yml)?.[1] ?? "";
  return [...block.matchAll(/^ {2}([\w-]+):$/gm)].map((m) => m[1] ?? "");
}

describe("the docs' CLI samples", () => {
  it("use only commands and flags the CLI accepts", () => {
    let count = 0;
    for (const [name, sample] of Object.entries(COMMAND_SNIPPETS)) {
      const calls = invocations(sample);
      expect(calls.length, name).toBeGreaterThan(0);
      for (const argv of calls) {
        expect(() => parseCommand(argv), `${name}: ${argv.join(" ")}`).not.toThrow();
        count++;
      }
    }
    expect(count).toBeGreaterThanOrEqual(12);
  });

  it("the checker itself refuses a sample with an unknown flag", () => {
    const [argv = []] = invocations("node signaldiff.mjs trigger --site x --wiat");
    expect(() => parseCommand(argv)).toThrow(/--wiat/);
  });
});

describe("the docs' workflow sample", () => {
  it("runs the Action with its declared inputs and the settings it reads", () => {
    const inputs = actionInputs();
    expect(inputs.sort()).toEqual(
      [
        "agent-pool-id",
        "environment",
        "execution-mode",
        "fail-on-changes",
        "site-id",
        "timeout",
        "wait",
      ].sort(),
    );
    expect(WORKFLOW).toMatch(/uses: [\w-]+\/[\w.-]+\/github-action@v1\n/);
    const withBlock = /^ {8}with:\n((?: {10}.*\n)+)/m.exec(WORKFLOW)?.[1] ?? "";
    const used = [...withBlock.matchAll(/^ {10}([\w-]+):/gm)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(inputs, name).toContain(name);
    expect(WORKFLOW).toContain("SIGNALDIFF_CI_API_KEY: ${{ secrets.SIGNALDIFF_CI_API_KEY }}");
    expect(WORKFLOW).toContain("SIGNALDIFF_API_BASE_URL: ${{ secrets.SIGNALDIFF_API_BASE_URL }}");
    // It runs after a deploy job.
    expect(WORKFLOW).toMatch(/^ {4}needs: deploy/m);
    for (const output of WORKFLOW.matchAll(/steps\.signaldiff\.outputs\.([\w-]+)/g)) {
      expect(["run-id", "run-url", "status", "changed-pages"]).toContain(output[1]);
    }
  });
});
