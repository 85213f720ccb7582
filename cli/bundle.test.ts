// The committed bundles (the CLI, the customer agent, the Action's entry) are what
// `npm run build:cli` produces from today's sources, need nothing but Node (only node: imports, so
// they run with no node_modules at all), and are wired up as the package's `signaldiff` bin and the
// Action's step (the agent as an installed package: agent/package.test.ts).
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUNDLES, buildCliBundles } from "@/scripts/build-cli";

const ROOT = path.resolve(import.meta.dirname, "..");

describe("the committed CLI and Action bundles", () => {
  it("match a fresh build of the sources (run npm run build:cli after changing them)", async () => {
    for (const { outfile, text } of await buildCliBundles()) {
      expect(readFileSync(path.join(ROOT, outfile), "utf8"), outfile).toBe(text);
      expect(statSync(path.join(ROOT, outfile)).mode & 0o111, `${outfile} executable`).not.toBe(0);
    }
  });

  it("import only Node's built-in modules", () => {
    for (const { outfile } of BUNDLES) {
      const text = readFileSync(path.join(ROOT, outfile), "utf8");
      const specifiers = [...text.matchAll(/^import\s[^;]*?from\s+"([^"]+)"/gm)].map((m) => m[1]);
      const dynamic = [...text.matchAll(/\bimport\(\s*"([^"]+)"/g)].map((m) => m[1]);
      for (const s of [...specifiers, ...dynamic]) expect(s, outfile).toMatch(/^node:/);
      expect(text, outfile).not.toMatch(/\brequire\(/);
    }
  });

  it("runs from a directory with no node_modules: --version and --help", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "signaldiff-bin-"));
    copyFileSync(path.join(ROOT, "cli/signaldiff.mjs"), path.join(dir, "signaldiff.mjs"));
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      version: string;
      bin: Record<string, string>;
    };
    const version = spawnSync(process.execPath, ["signaldiff.mjs", "--version"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, SIGNALDIFF_API_BASE_URL: undefined, SIGNALDIFF_CI_API_KEY: undefined },
    });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);
    const help = spawnSync(process.execPath, ["signaldiff.mjs", "trigger", "--help"], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(help.stdout).toContain("--fail-on-changes");
    expect(pkg.bin.signaldiff).toBe("cli/signaldiff.mjs");
  });

  it("the Action runs its committed entry with node, passing every input", () => {
    const yml = readFileSync(path.join(ROOT, "github-action/action.yml"), "utf8");
    expect(yml).toMatch(/^runs:\n {2}using: composite$/m);
    expect(yml).toContain('run: node "$GITHUB_ACTION_PATH/entry.mjs"');
    for (const name of [
      "site-id",
      "wait",
      "fail-on-changes",
      "environment",
      "execution-mode",
      "agent-pool-id",
      "timeout",
    ]) {
      const env = `INPUT_${name.toUpperCase().replace(/-/g, "_")}: \${{ inputs.${name} }}`;
      expect(yml, name).toContain(env);
    }
    for (const name of ["run-id", "run-url", "status", "changed-pages"]) {
      expect(yml).toContain(`value: \${{ steps.signaldiff.outputs.${name} }}`);
    }
  });
});
