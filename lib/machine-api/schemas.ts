// Shared pieces of the machine API's route definitions: the error shape, the security schemes,
// and one example per resource, so every route documents its answers the same way.
import { z } from "@hono/zod-openapi";
import { SCOPE_DESCRIPTIONS, type Scope } from "@/lib/credentials/api-clients/scopes";
import { logOut, pageOut, runOut } from "@/lib/runs/api-view";
import { siteOut } from "@/lib/sites/api";
import { teamOut } from "@/lib/teams/api-settings";

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.record(z.string(), z.array(z.string())).optional(),
    }),
  })
  .openapi("Error");

/**
 * Names a schema built elsewhere with plain zod for the document. Zod copies prototype methods
 * onto an instance when it is constructed, so a schema whose module ran before @hono/zod-openapi
 * extended zod (as Next's bundle may order them) has no `.openapi` of its own: call the extended
 * prototype's method on it instead, which returns a fresh, named copy.
 */
export function named<T extends z.ZodType>(schema: T, name: string): T {
  const { openapi } = z.ZodType.prototype as unknown as {
    openapi: (this: T, refId: string) => T;
  };
  return openapi.call(schema, name);
}

export const RunSchema = named(runOut, "Run");
export const RunPageSchema = named(pageOut, "RunPage");
export const RunLogSchema = named(logOut, "RunLog");
export const SiteSchema = named(siteOut, "Site");
export const TeamSchema = named(teamOut, "Team");

export const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" }, example: "cm9x2k1q80001abcd1234efgh" }),
});

export const SECURITY_SCHEMES = {
  ciKey: {
    type: "apiKey",
    in: "header",
    name: "x-ci-api-key",
    description:
      "A CI API key (sck_…) of a paid subscription. `Authorization: Bearer sck_…` works too.",
  },
  ciKeyBearer: {
    type: "http",
    scheme: "bearer",
    description: "The CI API key sent as `Authorization: Bearer sck_…`.",
  },
  agentCredential: {
    type: "http",
    scheme: "bearer",
    description:
      "A customer agent's own credential (sca_…), issued once by POST /api/agents/enroll and kept in the agent's state file.",
  },
  clientBasic: {
    type: "http",
    scheme: "basic",
    description:
      "API client id and secret as HTTP Basic credentials (or client_id/client_secret in the body).",
  },
  oauth2: {
    type: "oauth2",
    description:
      "An access token (JWT) from POST /api/oauth/token with an API client's credentials, sent as `Authorization: Bearer …`.",
    flows: {
      clientCredentials: {
        tokenUrl: "/api/oauth/token",
        scopes: SCOPE_DESCRIPTIONS,
      },
    },
  },
} as const;

export const CI_KEY_SECURITY: Record<string, string[]>[] = [{ ciKey: [] }, { ciKeyBearer: [] }];
export const AGENT_SECURITY: Record<string, string[]>[] = [{ agentCredential: [] }];
export const scopeSecurity = (scope: Scope): Record<string, string[]>[] => [{ oauth2: [scope] }];

const ERROR_EXAMPLES: Record<number, [string, string, string]> = {
  400: ["Invalid input", "invalid_request", "The request body is invalid."],
  401: ["Missing or invalid credential", "unauthorized", "Missing or invalid API key."],
  403: [
    "Another team's resource, or a scope the token lacks",
    "forbidden",
    "This credential does not have access to that resource.",
  ],
  404: ["No such resource in this team", "not_found", "Run not found."],
  405: ["Method not allowed on this path", "method_not_allowed", "Use GET on this path."],
  409: [
    "Conflicts with the resource's state",
    "conflict",
    "The run has already finished and cannot be cancelled.",
  ],
  413: ["Body too large", "payload_too_large", "The request body exceeds 16 KiB."],
  415: ["Body is not JSON", "unsupported_media_type", "Send the body as application/json."],
  429: [
    "Plan limit or rate limit reached (see Retry-After)",
    "rate_limited",
    "3 of 3 crawls running. See Plans and limits: https://signaldiff.example/pricing",
  ],
  503: [
    "Not configured on this deployment",
    "billing_unavailable",
    "Billing is not configured on this deployment.",
  ],
};

const RETRY_AFTER = {
  "Retry-After": {
    description: "Seconds until a retry can succeed.",
    schema: { type: "integer" as const },
  },
};

/** The documented error answers of a route: one entry per status, each with an example. */
export function errorResponses(...statuses: (keyof typeof ERROR_EXAMPLES)[]) {
  return Object.fromEntries(
    statuses.map((status) => {
      const [description, code, message] = ERROR_EXAMPLES[status] ?? ["Error", "error", "Error."];
      return [
        status,
        {
          description,
          ...(status === 429 ? { headers: RETRY_AFTER } : {}),
          content: {
            "application/json": { schema: ErrorSchema, example: { error: { code, message } } },
          },
        },
      ];
    }),
  );
}

/** A JSON success answer with its schema and example. */
export function jsonContent<T extends z.ZodType>(schema: T, description: string, example: unknown) {
  return { description, content: { "application/json": { schema, example } } };
}

/** A JSON request body (validated by the route's schema after lib/http/json-body.ts read it). */
export function jsonRequestBody<T extends z.ZodType>(schema: T, example: unknown) {
  return {
    required: true,
    content: { "application/json": { schema, example } },
  };
}

export const SITE_EXAMPLE = {
  id: "cm9x2k1q80001abcd1234efgh",
  name: "Marketing site",
  start_url: "https://www.example.com/",
  max_pages: 50,
  max_depth: 3,
  include_patterns: [],
  exclude_patterns: ["/blog/*"],
  request_timeout_ms: 10000,
  execution_mode: "cloud",
  agent_pool_id: null,
  schedule_kind: "daily",
  schedule_cron: null,
  next_run_at: "2026-12-02T06:00:00.000Z",
  created_at: "2026-11-01T09:30:00.000Z",
  updated_at: "2026-11-20T14:02:11.000Z",
};

export const RUN_EXAMPLE = {
  id: "cm9x2k1q80002abcd1234efgh",
  site_id: SITE_EXAMPLE.id,
  site: { id: SITE_EXAMPLE.id, name: SITE_EXAMPLE.name, start_url: SITE_EXAMPLE.start_url },
  status: "succeeded",
  pages_failed: 0,
  source: "ci",
  execution_mode: "cloud",
  agent_pool_id: null,
  commit_sha: "0123456789abcdef0123456789abcdef01234567",
  branch: "main",
  repository: "acme/web",
  run_url: "https://github.com/acme/web/actions/runs/42",
  environment: "production",
  counts: { planned: 2, done: 2, added: 0, removed: 0, changed: 1, unchanged: 1, errored: 0 },
  error: null,
  skip_reason: null,
  queued_at: "2026-12-01T06:00:00.000Z",
  started_at: "2026-12-01T06:00:01.000Z",
  finished_at: "2026-12-01T06:00:09.000Z",
  created_at: "2026-12-01T06:00:00.000Z",
  url: "https://signaldiff.example/runs/cm9x2k1q80002abcd1234efgh",
};

export const PAGE_EXAMPLE = {
  id: "cm9x2k1q80003abcd1234efgh",
  url: "https://www.example.com/pricing",
  depth: 1,
  change: "changed",
  http_status: 200,
  previous_status: 200,
  content_type: "text/html",
  title: "Pricing",
  text_hash: "9f86d081884c7d65",
  duration_ms: 184,
  error: null,
  diff: "-$10 per month\n+$12 per month",
};

export const LOG_EXAMPLE = {
  id: "cm9x2k1q80004abcd1234efgh",
  level: "info",
  message: "Queued (ci)",
  created_at: "2026-12-01T06:00:00.000Z",
};

export const TEAM_EXAMPLE = {
  id: "cm9x2k1q80005abcd1234efgh",
  name: "Acme",
  slug: "acme",
  time_zone: "Europe/Berlin",
  personal: false,
  created_at: "2026-10-01T08:00:00.000Z",
  snapshot_retention_days: 90,
};

/** `{ data: [...], next_cursor }`: one cursor page of `item`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), next_cursor: z.string().nullable() });
}

/** `{ data: item }`. */
export function dataOf<T extends z.ZodType>(item: T) {
  return z.object({ data: item });
}
