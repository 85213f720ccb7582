import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./e2e/chromium";
import { e2ePorts } from "./e2e/ports";

// `npm run test:e2e` (scripts/run-e2e.ts) creates the database, builds, and sets DATABASE_URL.
const port = e2ePorts.app;
const githubPort = e2ePorts.fakeGithub;
export const baseURL = `http://localhost:${port}`;
const E2E_STRIPE_WEBHOOK_SECRET = "whsec_e2e_test_mode_not_a_real_secret";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      // The local website the crawler e2e tests crawl.
      command: "node_modules/.bin/tsx e2e/fakes/test-site.ts",
      url: `http://127.0.0.1:${e2ePorts.testSite}/health`,
      reuseExistingServer: false,
    },
    {
      // One crawl worker on the e2e database (one node process, so it stops cleanly).
      command: `${process.execPath} dist/worker.mjs`,
      url: `http://127.0.0.1:${e2ePorts.workerHealth}/health`,
      reuseExistingServer: false,
      env: {
        WORKER_HEALTH_PORT: String(e2ePorts.workerHealth),
        // Private networks stay refused (e2e/agents.spec.ts proves the cloud cannot reach its
        // 127.0.0.2 site); only the shared test site's host (and the webhook receivers on it) is
        // let through.
        CRAWL_ALLOW_PRIVATE_NETWORKS: "0",
        CRAWL_ALLOW_HOSTS: "127.0.0.1,localhost",
        // The same secret as the server: webhook deliveries open the sealed signing secret.
        AUTH_SECRET: "e2e-auth-secret-not-for-production",
        WORKER_SCHEDULER_INTERVAL_MS: "1000",
        WORKER_SHUTDOWN_GRACE_MS: "1000",
        LOG_LEVEL: "warn",
      },
    },
    {
      command: "node_modules/.bin/tsx e2e/fakes/github-server.ts",
      url: `http://127.0.0.1:${githubPort}/health`,
      env: { FAKE_GITHUB_PORT: String(githubPort) },
      reuseExistingServer: false,
    },
    {
      // The Stripe test tool (no Stripe keys in e2e): Stripe's API for the app's SDK, the hosted
      // checkout and portal pages, signed webhooks to the app. In memory: a fresh account per run.
      command: `${process.execPath} --import tsx tools/stripe-test-mode/main.ts`,
      url: `http://127.0.0.1:${e2ePorts.stripe}/health`,
      reuseExistingServer: false,
      env: {
        APP_URL: baseURL,
        STRIPE_TEST_MODE_PORT: String(e2ePorts.stripe),
        STRIPE_WEBHOOK_SECRET: E2E_STRIPE_WEBHOOK_SECRET,
      },
    },
    {
      // The compiled production server (dist/server.mjs from `npm run build`), as `npm start` runs it.
      command: `${process.execPath} dist/server.mjs`,
      url: `${baseURL}/sign-in`,
      timeout: 90_000,
      reuseExistingServer: false,
      env: {
        APP_URL: baseURL,
        PORT: String(port),
        NODE_ENV: "production",
        AUTH_SECRET: "e2e-auth-secret-not-for-production",
        AUTH_DEV_LOGIN: "1",
        AUTH_GITHUB_ID: "e2e-client-id",
        AUTH_GITHUB_SECRET: "e2e-client-secret",
        TEST_GITHUB_OAUTH_URL: `http://127.0.0.1:${githubPort}`,
        TEST_GITHUB_API_URL: `http://127.0.0.1:${githubPort}/api`,
        GITHUB_SECRET_SCANNING_KEYS_URL: `http://127.0.0.1:${githubPort}/api/meta/public_keys/secret_scanning`,
        CRAWL_ALLOW_PRIVATE_NETWORKS: "1",
        LOG_LEVEL: "warn",
        NEXT_TELEMETRY_DISABLED: "1",
        STRIPE_TEST_MODE_PORT: String(e2ePorts.stripe),
        STRIPE_WEBHOOK_SECRET: E2E_STRIPE_WEBHOOK_SECRET,
      },
    },
  ],
});
