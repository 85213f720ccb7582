// The one list of what Signal Diff does, used by the landing page, Pricing and the docs so every
// claim is true at every commit: a feature is "shipped" only when its page or route works, and
// e2e/claims.spec.ts proves it (and that every "coming soon" one is labelled so wherever named).

export type FeatureStatus = "shipped" | "coming_soon";

/** What proves a feature works: a page a signed-in person opens, or a machine route answering. */
export type FeatureProof =
  | { kind: "page"; path: string; text: string }
  | { kind: "route"; method: "GET" | "POST"; path: string; status: number; code: string };

export type Feature = {
  id: string;
  name: string;
  summary: string;
  plan: "free" | "paid";
  status: FeatureStatus;
  docs: string | null;
  proof: FeatureProof;
};

export const FEATURES: readonly Feature[] = [
  {
    id: "dashboard-runs",
    name: "Dashboard runs",
    summary: "Crawl a site on demand and see which pages changed, were added or disappeared.",
    plan: "free",
    status: "shipped",
    docs: "/docs",
    proof: { kind: "page", path: "/runs", text: "Runs" },
  },
  {
    id: "saved-sites",
    name: "Saved sites",
    summary: "Start URL, page and depth limits, include and exclude patterns.",
    plan: "free",
    status: "shipped",
    docs: "/docs",
    proof: { kind: "page", path: "/sites", text: "Sites" },
  },
  {
    id: "schedules",
    name: "Recurring schedules",
    summary: "Hourly, daily, weekly or cron runs per site.",
    plan: "free",
    status: "shipped",
    docs: "/docs",
    proof: { kind: "page", path: "/sites/new", text: "Schedule" },
  },
  {
    id: "run-history",
    name: "Run history with diffs",
    summary: "Every run kept, each page compared with the previous run, with a line diff.",
    plan: "free",
    status: "shipped",
    docs: "/docs",
    proof: { kind: "page", path: "/dashboard", text: "Run history" },
  },
  {
    id: "ci-triggers",
    name: "CI triggers: GitHub Action and signaldiff CLI",
    summary:
      "Start a run from your pipeline with a CI API key, wait for the verdict and list the changed pages in the job.",
    plan: "paid",
    status: "shipped",
    docs: "/docs/ci",
    proof: {
      kind: "route",
      method: "POST",
      path: "/api/trigger/ci",
      status: 401,
      code: "unauthorized",
    },
  },
  {
    id: "agent-api",
    name: "Agent API",
    summary: "List, start, poll and cancel runs from scripts with the CI API key.",
    plan: "paid",
    status: "shipped",
    docs: "/docs/api",
    proof: { kind: "route", method: "GET", path: "/agent/runs", status: 401, code: "unauthorized" },
  },
  {
    id: "rest-api",
    name: "REST API with OAuth client credentials",
    summary: "Manage sites and runs with short-lived tokens from an API client.",
    plan: "free",
    status: "shipped",
    docs: "/docs/api-clients",
    proof: {
      kind: "route",
      method: "GET",
      path: "/api/v1/runs",
      status: 401,
      code: "invalid_token",
    },
  },
  {
    id: "customer-agents",
    name: "Customer agents",
    summary: "Crawl targets only your network can reach, through an agent you run.",
    plan: "paid",
    status: "shipped",
    docs: "/docs/agents",
    // The agent program's work route: without an agent credential it answers its JSON 401.
    proof: {
      kind: "route",
      method: "POST",
      path: "/api/agents/work",
      status: 401,
      code: "unauthorized",
    },
  },
  {
    id: "signed-webhooks",
    name: "Signed webhooks",
    summary:
      "Run results and credential events pushed to your endpoints, signed (Standard Webhooks) so you can verify them.",
    plan: "free",
    status: "shipped",
    docs: "/docs/verifying-signatures",
    // The REST list of webhook endpoints: without a bearer token it answers its JSON 401.
    proof: {
      kind: "route",
      method: "GET",
      path: "/api/v1/webhook-endpoints",
      status: 401,
      code: "invalid_token",
    },
  },
];

export const COMING_SOON_LABEL = "Coming soon";

export function featuresFor(plan: "free" | "paid"): Feature[] {
  return FEATURES.filter((f) => f.plan === plan);
}

export function feature(id: string): Feature {
  const f = FEATURES.find((x) => x.id === id);
  if (!f) throw new Error(`Unknown feature ${id}`);
  return f;
}
