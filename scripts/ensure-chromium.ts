// The e2e runner's browser: one found by e2e/chromium.ts, or else Playwright's own, downloaded by
// `playwright install chromium` (works wherever the internet is reachable). When that fails too,
// one message names both ways to get a Chromium. The lookups and the install are injected so the
// decision is unit-tested without a download (scripts/ensure-chromium.test.ts).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { defaultChromiumLookups, findChromium, type ChromiumLookups } from "../e2e/chromium";

export type EnsureChromiumDeps = {
  find: () => string | undefined;
  /** Runs `playwright install chromium`; true when it exited successfully. */
  install: () => boolean;
  log: (line: string) => void;
};

export const NO_CHROMIUM_MESSAGE = [
  "No Chromium for the end-to-end tests, and `playwright install chromium` could not download one.",
  "Get one either way, then run the tests again:",
  "  npx playwright install chromium     (Playwright's own Chromium; needs internet access)",
  "  apt-get install chromium            (or your distribution's `chromium` package;",
  "                                       set CHROMIUM_PATH if it is not at /usr/bin/chromium)",
].join("\n");

export type ChromiumChoice = { path: string; installed: boolean } | { error: string };

export function ensureChromium(deps: EnsureChromiumDeps): ChromiumChoice {
  const found = deps.find();
  if (found) return { path: found, installed: false };
  deps.log(
    "No Chromium found (CHROMIUM_PATH, system, Playwright's): `playwright install chromium`…",
  );
  const ok = deps.install();
  const installed = ok ? deps.find() : undefined;
  if (installed) return { path: installed, installed: true };
  return { error: NO_CHROMIUM_MESSAGE };
}

export function playwrightInstallChromium(cwd = process.cwd()): boolean {
  const res = spawnSync(
    path.join(cwd, "node_modules", ".bin", "playwright"),
    ["install", "chromium"],
    {
      stdio: "inherit",
    },
  );
  return res.status === 0;
}

export function defaultEnsureChromiumDeps(
  lookups: ChromiumLookups = defaultChromiumLookups,
): EnsureChromiumDeps {
  return {
    find: () => findChromium(lookups),
    install: () => playwrightInstallChromium(),
    log: (line) => console.log(line),
  };
}
