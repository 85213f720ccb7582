// What an API client (and each of its tokens) may do. `full` is the default and the seed's "full
// access"; the narrower scopes are the seed's roadmap, built now.
export const SCOPES = ["full", "read", "runs:write", "logs:read"] as const;
export type Scope = (typeof SCOPES)[number];

export const SCOPE_LABELS: Record<Scope, string> = {
  full: "Full access",
  read: "Read only",
  "runs:write": "Start and cancel runs",
  "logs:read": "Read run logs",
};

export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  full: "Sites, runs, logs and team settings: read and write.",
  read: "GET requests only, on every resource.",
  "runs:write": "Start and cancel runs (combine with read to poll them).",
  "logs:read": "Read run logs and pages only.",
};

// Which scopes each scope includes.
const INCLUDES: Record<Scope, readonly Scope[]> = {
  full: SCOPES,
  read: ["read", "logs:read"],
  "runs:write": ["runs:write"],
  "logs:read": ["logs:read"],
};

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** True when the granted scopes include `needed`. */
export function grants(granted: readonly string[], needed: Scope): boolean {
  return granted.some((g) => isScope(g) && INCLUDES[g].includes(needed));
}

/** Scopes in canonical order, without duplicates. */
export function normalizeScopes(scopes: readonly Scope[]): Scope[] {
  return SCOPES.filter((s) => scopes.includes(s));
}

/**
 * The scopes a token request gets (RFC 6749 §3.3): all of the client's when `requested` is empty,
 * else the requested ones if the client's scopes include each of them; null means invalid_scope.
 */
export function narrowScopes(allowed: readonly string[], requested: string | null): Scope[] | null {
  const clientScopes = normalizeScopes(allowed.filter(isScope));
  if (requested === null || requested.trim() === "") return clientScopes;
  const asked = requested.trim().split(/\s+/);
  if (!asked.every(isScope)) return null;
  if (!asked.every((s) => grants(clientScopes, s))) return null;
  return normalizeScopes(asked);
}

/**
 * The scope each REST route needs — the one matrix that the routes enforce, the tests walk and the
 * API reference prints. A token passes when any of its scopes includes the needed one (`full`
 * includes all; `read` includes `logs:read`).
 */
export const ROUTE_SCOPES = {
  "GET /api/v1/team": "read",
  "PATCH /api/v1/team": "full",
  "GET /api/v1/sites": "read",
  "POST /api/v1/sites": "full",
  "GET /api/v1/sites/{id}": "read",
  "PATCH /api/v1/sites/{id}": "full",
  "DELETE /api/v1/sites/{id}": "full",
  "GET /api/v1/runs": "read",
  "POST /api/v1/runs": "runs:write",
  "GET /api/v1/runs/{id}": "read",
  "POST /api/v1/runs/{id}/cancel": "runs:write",
  "GET /api/v1/runs/{id}/pages": "logs:read",
  "GET /api/v1/runs/{id}/logs": "logs:read",
  "GET /api/v1/webhook-endpoints": "read",
  "POST /api/v1/webhook-endpoints": "full",
  "GET /api/v1/webhook-endpoints/{id}": "read",
  "PATCH /api/v1/webhook-endpoints/{id}": "full",
  "DELETE /api/v1/webhook-endpoints/{id}": "full",
  "POST /api/v1/webhook-endpoints/{id}/test": "full",
  "GET /api/v1/webhook-endpoints/{id}/deliveries": "read",
  "GET /api/v1/signing-secret": "read",
  "POST /api/v1/signing-secret/rotate": "full",
  "POST /api/v1/signing-secret/revoke-previous": "full",
  "GET /api/v1/agent-pools": "read",
  "POST /api/v1/agent-pools": "full",
  "PATCH /api/v1/agent-pools/{id}": "full",
  "DELETE /api/v1/agent-pools/{id}": "full",
  "POST /api/v1/agent-pools/{id}/enrollment-tokens": "full",
  "GET /api/v1/agents": "read",
  "DELETE /api/v1/agents/{id}": "full",
} as const satisfies Record<string, Scope>;
export type ApiRoute = keyof typeof ROUTE_SCOPES;
