// POST /api/oauth/token, as a plain function: parse → authenticate (one read that also checks the
// failure limits) → narrow scopes → sign. Errors are RFC 6749 §5.2 objects
// ({ error, error_description }), never our own shape.
//
// Rate limits count failures only, so the success path writes nothing: per client IP (see
// lib/audit/request-meta.ts — junk from one address never locks out another) and per existing
// client id (wrong secrets for one client never lock out another; ids that do not exist add no
// rows). Client secrets are 256-bit random values, so the limits bound wasted work and noise, not
// the odds of a guess.
import type { RequestMeta } from "@/lib/audit/record";
import { authenticateApiClient } from "@/lib/credentials/api-clients/authenticate-client";
import { narrowScopes } from "@/lib/credentials/api-clients/scopes";
import { env } from "@/lib/env";
import { requestMetaFrom } from "@/lib/audit/request-meta";
import { retryInWords } from "@/lib/rate-limit/postgres-limiter";
import { recordFailures } from "@/lib/rate-limit/failure-limit";
import { OAuthError, parseTokenRequest, type TokenHttpRequest } from "./token-request";
import { issueAccessToken } from "./tokens";

const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };
const WINDOW_SECONDS = 60;
const ipKey = (ip: string) => `oauth_token_fail_ip:${ip}`;
const clientKey = (clientId: string) => `oauth_token_fail_client:${clientId}`;

/** What the token endpoint answers; lib/machine-api writes it as JSON with these headers. */
export type TokenAnswer = { status: number; body: unknown; headers: Record<string, string> };

function oauthJson(
  body: unknown,
  status: number,
  headers: Record<string, string> = {},
): TokenAnswer {
  return { status, body, headers: { ...NO_STORE, ...headers } };
}

function rateLimited(retryAfterSeconds: number) {
  return new OAuthError(
    429,
    "rate_limited",
    `Too many failed token requests. Try again ${retryInWords(retryAfterSeconds)}.`,
    { "Retry-After": String(retryAfterSeconds) },
  );
}

function invalidClient() {
  return new OAuthError(401, "invalid_client", "Client authentication failed.", {
    "WWW-Authenticate": 'Basic realm="signal-diff"',
  });
}

/** Counts a failure against `keys`; the failure's own error unless a limit is now exceeded. */
async function fail(keys: (string | null)[], error: OAuthError): Promise<OAuthError> {
  const e = env();
  const counts = await recordFailures(
    keys.filter((k): k is string => k !== null),
    WINDOW_SECONDS,
  );
  for (const c of counts) {
    const max = c.key.startsWith("oauth_token_fail_ip:")
      ? e.OAUTH_TOKEN_RATE_LIMIT_PER_IP
      : e.OAUTH_TOKEN_RATE_LIMIT_PER_CLIENT;
    if (c.points > max) return rateLimited(c.retryAfterSeconds);
  }
  return error;
}

function errorResponse(error: OAuthError) {
  return oauthJson(
    { error: error.error, error_description: error.description },
    error.status,
    error.headers,
  );
}

/** From a parsed request on: failures here are counted where they are decided. */
async function issue(req: TokenHttpRequest, meta: RequestMeta): Promise<TokenAnswer> {
  const ip = meta.ip ?? null;
  const parsed = parseTokenRequest(req);
  if (parsed.grantType === null)
    throw new OAuthError(400, "invalid_request", "grant_type is required.");
  const result = await authenticateApiClient(parsed.clientId, parsed.clientSecret, {
    request: meta,
    limits: {
      ip: ip ? ipKey(ip) : undefined,
      client: clientKey,
      max: {
        ip: env().OAUTH_TOKEN_RATE_LIMIT_PER_IP,
        client: env().OAUTH_TOKEN_RATE_LIMIT_PER_CLIENT,
      },
    },
  });
  if (!result.ok) {
    // A refused request still counts, so Retry-After comes from the live window.
    if (result.reason === "limited")
      return errorResponse(await fail([result.key], invalidClient()));
    const perClient = result.known ? clientKey(parsed.clientId) : null;
    return errorResponse(await fail([ip ? ipKey(ip) : null, perClient], invalidClient()));
  }
  const { client } = result;
  // Authenticated clients asking for the wrong thing are not attackers: not counted.
  if (parsed.grantType !== "client_credentials") {
    return errorResponse(
      new OAuthError(
        400,
        "unsupported_grant_type",
        "Only grant_type=client_credentials is supported.",
      ),
    );
  }
  const scopes = narrowScopes(client.scopes, parsed.scope);
  if (!scopes || scopes.length === 0) {
    return errorResponse(
      new OAuthError(
        400,
        "invalid_scope",
        `This client may request only: ${client.scopes.join(" ")}.`,
      ),
    );
  }
  return oauthJson(await issueAccessToken(client, scopes), 200);
}

export async function handleTokenRequest(req: TokenHttpRequest): Promise<TokenAnswer> {
  const meta = requestMetaFrom(req.headers);
  try {
    return await issue(req, meta);
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    return refuseTokenRequest(req.headers, error);
  }
}

/**
 * A request refused before authentication (malformed, unreadable, too large — the HTTP layer
 * refuses an oversized body itself): it names no client, so it counts against the IP only.
 */
export async function refuseTokenRequest(h: Headers, error: OAuthError): Promise<TokenAnswer> {
  const ip = requestMetaFrom(h).ip ?? null;
  return errorResponse(await fail([ip ? ipKey(ip) : null], error));
}
