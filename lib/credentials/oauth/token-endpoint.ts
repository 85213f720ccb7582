// POST /api/oauth/token, as a plain function: parse → rate limit → authenticate → narrow scopes →
// sign. Errors are RFC 6749 §5.2 objects ({ error, error_description }), never our own shape.
import { authenticateApiClient } from "@/lib/credentials/api-clients/authenticate-client";
import { narrowScopes } from "@/lib/credentials/api-clients/scopes";
import { env } from "@/lib/env";
import { requestMetaFrom } from "@/lib/audit/request-meta";
import { consumePoint, postgresLimiter, retryInWords } from "@/lib/rate-limit/postgres-limiter";
import { OAuthError, parseTokenRequest, type TokenHttpRequest } from "./token-request";
import { issueAccessToken } from "./tokens";

const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

/** What the token endpoint answers; lib/machine-api writes it as JSON with these headers. */
export type TokenAnswer = { status: number; body: unknown; headers: Record<string, string> };

function oauthJson(body: unknown, status: number, headers: Record<string, string> = {}) {
  return { status, body, headers: { ...NO_STORE, ...headers } };
}

/** An RFC 6749 §5.2 error answer (also used by the HTTP layer for an oversized body). */
export function oauthErrorAnswer(error: OAuthError): TokenAnswer {
  return oauthJson(
    { error: error.error, error_description: error.description },
    error.status,
    error.headers,
  );
}

async function limit(name: string, points: number, key: string) {
  const result = await consumePoint(postgresLimiter(name, points, 60), key);
  if (!result.ok) {
    throw new OAuthError(
      429,
      "rate_limited",
      `Too many token requests. Try again ${retryInWords(result.retryAfterSeconds)}.`,
      { "Retry-After": String(result.retryAfterSeconds) },
    );
  }
}

export async function handleTokenRequest(req: TokenHttpRequest): Promise<TokenAnswer> {
  try {
    const meta = requestMetaFrom(req.headers);
    await limit("oauth_token_ip", env().OAUTH_TOKEN_RATE_LIMIT_PER_IP, meta.ip ?? "unknown");
    const parsed = parseTokenRequest(req);
    // Per presented client id, before checking the secret, so guessing secrets is slowed too.
    await limit(
      "oauth_token_client",
      env().OAUTH_TOKEN_RATE_LIMIT_PER_CLIENT,
      parsed.clientId.slice(0, 100),
    );
    if (parsed.grantType === null)
      throw new OAuthError(400, "invalid_request", "grant_type is required.");
    const client = await authenticateApiClient(parsed.clientId, parsed.clientSecret, {
      request: meta,
    });
    if (!client) {
      throw new OAuthError(401, "invalid_client", "Client authentication failed.", {
        "WWW-Authenticate": 'Basic realm="signal-diff"',
      });
    }
    if (parsed.grantType !== "client_credentials") {
      throw new OAuthError(
        400,
        "unsupported_grant_type",
        "Only grant_type=client_credentials is supported.",
      );
    }
    const scopes = narrowScopes(client.scopes, parsed.scope);
    if (!scopes || scopes.length === 0) {
      throw new OAuthError(
        400,
        "invalid_scope",
        `This client may request only: ${client.scopes.join(" ")}.`,
      );
    }
    return oauthJson(await issueAccessToken(client, scopes), 200);
  } catch (error) {
    if (error instanceof OAuthError) return oauthErrorAnswer(error);
    throw error;
  }
}
