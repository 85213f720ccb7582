// Which Chromium the e2e runner drives, and what it does when there is none — with the file
// lookups and the `playwright install chromium` call injected, so nothing is downloaded.
import { describe, expect, test } from "vitest";
import { findChromium, type ChromiumLookups } from "../e2e/chromium";
import { ensureChromium, NO_CHROMIUM_MESSAGE } from "./ensure-chromium";

const BUNDLED = "/root/.cache/ms-playwright/chromium-1234/chrome-linux/chrome";

function lookups(files: string[], env: Record<string, string> = {}): ChromiumLookups {
  const present = new Set(files);
  return {
    env: env as NodeJS.ProcessEnv,
    exists: (p) => present.has(p),
    bundledPath: () => BUNDLED,
  };
}

describe("findChromium", () => {
  test("CHROMIUM_PATH wins over a system and Playwright's Chromium", () => {
    const l = lookups(["/opt/chrome", "/usr/bin/chromium", BUNDLED], {
      CHROMIUM_PATH: "/opt/chrome",
    });
    expect(findChromium(l)).toBe("/opt/chrome");
  });

  test("a system Chromium comes before Playwright's own", () => {
    expect(findChromium(lookups(["/usr/bin/chromium-browser", BUNDLED]))).toBe(
      "/usr/bin/chromium-browser",
    );
  });

  test("a CHROMIUM_PATH that does not exist falls through to the next candidate", () => {
    const l = lookups(["/usr/bin/chromium"], { CHROMIUM_PATH: "/nope/chrome" });
    expect(findChromium(l)).toBe("/usr/bin/chromium");
  });

  test("Playwright's own browser when it is installed; nothing when it is not", () => {
    expect(findChromium(lookups([BUNDLED]))).toBe(BUNDLED);
    expect(findChromium(lookups([]))).toBeUndefined();
    expect(findChromium({ ...lookups([]), bundledPath: () => undefined })).toBeUndefined();
  });
});

function fakeDeps(found: (string | undefined)[], installOk: boolean) {
  const calls = { find: 0, install: 0, log: [] as string[] };
  return {
    calls,
    deps: {
      find: () => found[calls.find++],
      install: () => (calls.install++, installOk),
      log: (line: string) => calls.log.push(line),
    },
  };
}

describe("ensureChromium", () => {
  test("a Chromium that is present is used and nothing is installed", () => {
    const { deps, calls } = fakeDeps(["/usr/bin/chromium"], true);
    expect(ensureChromium(deps)).toEqual({ path: "/usr/bin/chromium", installed: false });
    expect(calls.install).toBe(0);
  });

  test("none present: `playwright install chromium` runs and its browser is used", () => {
    const { deps, calls } = fakeDeps([undefined, BUNDLED], true);
    expect(ensureChromium(deps)).toEqual({ path: BUNDLED, installed: true });
    expect(calls.install).toBe(1);
    expect(calls.log.join("\n")).toMatch(/playwright install chromium/);
  });

  test("the install fails: one message naming both ways to get a Chromium", () => {
    const { deps, calls } = fakeDeps([undefined, undefined], false);
    const choice = ensureChromium(deps);
    expect(choice).toEqual({ error: NO_CHROMIUM_MESSAGE });
    expect(calls.install).toBe(1);
    expect(NO_CHROMIUM_MESSAGE).toContain("npx playwright install chromium");
    expect(NO_CHROMIUM_MESSAGE).toMatch(/distribution's `chromium` package/);
  });

  test("the install exits 0 but no browser appears: the same message, not a crash later", () => {
    const { deps } = fakeDeps([undefined, undefined], true);
    expect(ensureChromium(deps)).toEqual({ error: NO_CHROMIUM_MESSAGE });
  });
});
