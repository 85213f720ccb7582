// One port layout for the e2e run, derived from E2E_PORT so parallel checkouts never collide.
// Every e2e-only server takes its port from here; nothing else picks e2e ports.
const base = Number(process.env.E2E_PORT ?? 3900);

export const e2ePorts = {
  app: base,
  fakeGithub: Number(process.env.FAKE_GITHUB_PORT ?? base + 1),
  testSite: base + 2, // local website the crawler e2e tests crawl (runs issue)
  workerHealth: base + 3, // the e2e worker's health endpoint (runs issue)
  stripe: base + 4, // Stripe-protocol test server (billing issue)
  spare1: base + 5,
  spare2: base + 6,
} as const;
