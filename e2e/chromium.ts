// Finds a Chromium to drive: CHROMIUM_PATH, a system Chromium (Debian's /usr/bin/chromium and
// its usual relatives), or Playwright's own browser (`npx playwright install chromium`).
// scripts/ensure-chromium.ts decides what to do when there is none.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export type ChromiumLookups = {
  env: NodeJS.ProcessEnv;
  exists: (path: string) => boolean;
  /** Where Playwright's own Chromium is (or would be) installed. */
  bundledPath: () => string | undefined;
};

export const SYSTEM_CHROMIUMS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/snap/bin/chromium",
];

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined; // this Playwright knows no browser for the platform
  }
}

export const defaultChromiumLookups: ChromiumLookups = {
  env: process.env,
  exists: existsSync,
  bundledPath: playwrightChromium,
};

export function findChromium(
  lookups: ChromiumLookups = defaultChromiumLookups,
): string | undefined {
  const { env, exists, bundledPath } = lookups;
  for (const candidate of [env.CHROMIUM_PATH, ...SYSTEM_CHROMIUMS]) {
    if (candidate && exists(candidate)) return candidate;
  }
  const bundled = bundledPath();
  return bundled && exists(bundled) ? bundled : undefined;
}

// Without the networking flags Chromium floods the closed network with refused connections.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
