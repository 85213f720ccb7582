// The machine API: one Hono app (@hono/zod-openapi) answering every machine endpoint — CI
// trigger, Agent API, OAuth token and JWKS, REST v1, Stripe webhook, GitHub secret-scanning
// reports — and its OpenAPI document.
// Next's route files under app/ delegate to it (lib/machine-api/next-route.ts), and the
// production server (server/main.ts) hands these paths to it before Next's router: one
// implementation, answered identically by `npm run dev` and the production start.
import { OpenAPIHono } from "@hono/zod-openapi";
import { errorBody, errorResponseFor, jsonResponse } from "@/lib/http/error-response";
import { rejectMalformedUrl, validationHook } from "@/lib/http/guards";
import type { MachineEnv } from "@/lib/http/machine-env";
import { registerAgentRoutes } from "@/lib/machine-api/routes/agent";
import { registerAgentPoolRoutes } from "@/lib/machine-api/routes/agent-pools";
import { registerCustomerAgentRoutes } from "@/lib/machine-api/routes/customer-agents";
import { registerOAuthRoutes } from "@/lib/machine-api/routes/oauth";
import { registerRunRoutes } from "@/lib/machine-api/routes/runs";
import { registerSecretScanningRoutes } from "@/lib/machine-api/routes/secret-scanning";
import { registerSiteRoutes } from "@/lib/machine-api/routes/sites";
import { registerStripeRoutes } from "@/lib/machine-api/routes/stripe";
import { registerTeamRoutes } from "@/lib/machine-api/routes/team";
import { registerTriggerRoutes } from "@/lib/machine-api/routes/trigger";
import { registerWebhookRoutes } from "@/lib/machine-api/routes/webhooks";
import { SECURITY_SCHEMES } from "@/lib/machine-api/schemas";
import type { MachineApp } from "@/lib/machine-api/types";

export const OPENAPI_PATH = "/api/openapi.json";

export const OPENAPI_CONFIG = {
  openapi: "3.1.0",
  info: {
    title: "Signal Diff machine API",
    version: "1.0.0",
    description:
      'The CI trigger, the Agent API (CI API key), the REST API (OAuth client-credentials bearer tokens with scopes), the Stripe webhook and GitHub secret-scanning reports. Every error is `{ "error": { "code", "message", "fields"? } }` (the token endpoint answers RFC 6749 errors).',
  },
  tags: [
    { name: "CI trigger", description: "Start a run from CI with the team's CI API key." },
    { name: "Agent API", description: "Runs and scans with the CI API key." },
    {
      name: "Customer agents",
      description:
        "The agent program's routes: enroll with a one-time token, then poll, heartbeat, upload and finish with the agent credential.",
    },
    { name: "OAuth", description: "Access tokens for the REST API." },
    { name: "REST API", description: "Sites, runs, logs and team settings with bearer tokens." },
    {
      name: "Webhooks",
      description:
        "Webhook endpoints, their delivery log and the signing secret (bearer tokens; see /docs/verifying-signatures).",
    },
    { name: "Stripe", description: "Billing events from Stripe." },
    {
      name: "Secret scanning",
      description: "Leaked-token reports from GitHub's secret-scanning partner program.",
    },
  ],
};

const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function patternOf(path: string): RegExp {
  const source = path
    .split("/")
    .map((seg) => (seg.startsWith(":") ? "[^/]+" : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${source}$`);
}

/** 405 with Allow for a known path and another method; 404 for a path that is not ours. */
function methodNotAllowedOrNotFound(app: MachineApp) {
  let table: { pattern: RegExp; method: string }[] | null = null;
  return (path: string): Response => {
    table ??= app.routes
      .filter((r) => ROUTE_METHODS.includes(r.method))
      .map((r) => ({ pattern: patternOf(r.path), method: r.method }));
    const allowed = [...new Set(table.filter((r) => r.pattern.test(path)).map((r) => r.method))];
    if (!allowed.length) {
      return jsonResponse(errorBody("not_found", "No such API endpoint."), { status: 404 });
    }
    if (allowed.includes("GET")) allowed.push("HEAD");
    return jsonResponse(
      errorBody("method_not_allowed", `Use ${allowed.join(", ")} on this path.`),
      { status: 405, headers: { Allow: allowed.join(", ") } },
    );
  };
}

export function createMachineApp(): MachineApp {
  const app: MachineApp = new OpenAPIHono<MachineEnv>({ defaultHook: validationHook });
  app.use("*", rejectMalformedUrl);
  app.use("*", async (c, next) => {
    // Machine answers are never cached, unless a route says otherwise (JWKS).
    c.header("Cache-Control", "no-store");
    await next();
  });
  registerTriggerRoutes(app);
  registerAgentRoutes(app);
  registerCustomerAgentRoutes(app);
  registerOAuthRoutes(app);
  registerTeamRoutes(app);
  registerSiteRoutes(app);
  registerRunRoutes(app);
  registerWebhookRoutes(app);
  registerAgentPoolRoutes(app);
  registerStripeRoutes(app);
  registerSecretScanningRoutes(app);
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) {
    app.openAPIRegistry.registerComponent("securitySchemes", name, scheme);
  }
  app.doc31(OPENAPI_PATH, OPENAPI_CONFIG);
  const fallback = methodNotAllowedOrNotFound(app);
  app.notFound((c) => fallback(c.req.path));
  app.onError((error, c) => errorResponseFor(error, { method: c.req.method, path: c.req.path }));
  return app;
}

export const machineApp = createMachineApp();

/** The OpenAPI 3.1 document of the machine API (the same one GET /api/openapi.json serves). */
export function machineOpenApiDocument() {
  return machineApp.getOpenAPI31Document(OPENAPI_CONFIG);
}
