// The Action and CLI references come from one setting: the docs samples follow it, a bad value is
// refused, and no other source file spells the repository out.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { githubRepository } from "@/lib/product/distribution";

const ROOT = path.resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sources(rel);
    return /\.(ts|tsx|mdx?)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("the GitHub repository setting", () => {
  it("defaults to the placeholder and accepts an owner/name", () => {
    expect(githubRepository(undefined)).toBe("your-org/signal-diff");
    expect(githubRepository("  ")).toBe("your-org/signal-diff");
    expect(githubRepository("acme-inc/signal.diff_fork")).toBe("acme-inc/signal.diff_fork");
  });

  it.each([
    "acme",
    "https://github.com/acme/signal-diff",
    "acme/signal-diff.git",
    "acme/signal-diff/github-action@v1",
    "-acme/x",
    "acme/sig nal",
  ])("refuses %j", (value) => {
    expect(() => githubRepository(value)).toThrow(/NEXT_PUBLIC_SIGNALDIFF_GITHUB_REPOSITORY/);
  });

  it("is what every docs sample uses: the Action, the CLI download and the clone", async () => {
    vi.stubEnv("NEXT_PUBLIC_SIGNALDIFF_GITHUB_REPOSITORY", "acme/sd");
    vi.resetModules();
    const s = await import("@/app/(marketing)/docs/ci/snippets");
    expect(s.WORKFLOW).toContain("uses: acme/sd/github-action@v1\n");
    expect(s.GITLAB).toContain("https://raw.githubusercontent.com/acme/sd/v1/cli/signaldiff.mjs");
    expect(s.CIRCLECI).toContain("https://raw.githubusercontent.com/acme/sd/v1/cli/signaldiff.mjs");
    expect(s.FROM_CHECKOUT).toMatch(/^git clone https:\/\/github\.com\/acme\/sd && cd sd\n/);
    for (const sample of [s.WORKFLOW, s.GITLAB, s.CIRCLECI, s.FROM_CHECKOUT])
      expect(sample).not.toContain("your-org");
  });

  it("is the only place that names the repository", () => {
    const offenders = ["app", "components", "lib", "cli", "github-action"]
      .flatMap(sources)
      .filter((f) => f !== path.join("lib", "product", "distribution.ts"))
      .filter((f) =>
        /your-org\/|\/github-action@|raw\.githubusercontent\.com\/|git clone https:\/\/github\.com\//.test(
          readFileSync(path.join(ROOT, f), "utf8"),
        ),
      );
    expect(offenders).toEqual([]);
  });
});
