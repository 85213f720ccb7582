// POST /api/oauth/token — OAuth 2.0 client credentials (RFC 6749 §4.4) → JWT bearer token;
// GET /.well-known/jwks.json — the public keys that verify those tokens.
import { createRoute, z } from "@hono/zod-openapi";
import { SCOPES } from "@/lib/credentials/api-clients/scopes";
import { publicJwks } from "@/lib/credentials/oauth/signing-keys";
import {
  handleTokenRequest,
  refuseTokenRequest,
  type TokenAnswer,
} from "@/lib/credentials/oauth/token-endpoint";
import { OAuthError, TOKEN_REQUEST_MAX_BYTES } from "@/lib/credentials/oauth/token-request";
import { isDomainError } from "@/lib/errors";
import { readText } from "@/lib/http/read-body";
import type { MachineApp } from "@/lib/machine-api/types";

const OAuthErrorSchema = z
  .object({ error: z.string(), error_description: z.string() })
  .openapi("OAuthError");

export const TokenSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal("Bearer"),
    expires_in: z.number(),
    scope: z.string(),
  })
  .openapi("AccessToken");

const JwksSchema = z
  .object({
    keys: z.array(
      z
        .object({
          kid: z.string(),
          alg: z.string(),
          use: z.string(),
          kty: z.string().optional(),
          crv: z.string().optional(),
          x: z.string().optional(),
        })
        .loose(),
    ),
  })
  .openapi("Jwks");

// Documented as plain JSON Schema (not zod) so no generic validator runs: the token endpoint
// answers every failure in RFC 6749's own error shape.
const TOKEN_REQUEST_SCHEMA = {
  type: "object" as const,
  required: ["grant_type"],
  properties: {
    grant_type: { type: "string" as const, enum: ["client_credentials"] },
    client_id: { type: "string" as const, description: "Or send it with HTTP Basic auth." },
    client_secret: { type: "string" as const, description: "Or send it with HTTP Basic auth." },
    scope: {
      type: "string" as const,
      description: `Space-separated subset of the client's scopes: ${SCOPES.join(", ")}.`,
    },
  },
};

const oauthError = (description: string, error: string, text: string) => ({
  description,
  content: {
    "application/json": {
      schema: OAuthErrorSchema,
      example: { error, error_description: text },
    },
  },
});

export const tokenRoute = createRoute({
  method: "post",
  path: "/api/oauth/token",
  tags: ["OAuth"],
  summary: "Exchange API client credentials for an access token",
  security: [{}, { clientBasic: [] }],
  request: {
    body: {
      required: true,
      content: {
        "application/x-www-form-urlencoded": {
          schema: TOKEN_REQUEST_SCHEMA,
          example: {
            grant_type: "client_credentials",
            client_id: "dh_live_…",
            client_secret: "dh_secret_…",
          },
        },
        "application/json": { schema: TOKEN_REQUEST_SCHEMA },
      },
    },
  },
  responses: {
    200: {
      description: "A signed JWT access token (RFC 9068).",
      content: {
        "application/json": {
          schema: TokenSchema,
          example: {
            access_token: "eyJhbGciOiJFZERTQSIs…",
            token_type: "Bearer",
            expires_in: 3600,
            scope: "full",
          },
        },
      },
    },
    400: oauthError(
      "Invalid request, grant type or scope",
      "invalid_scope",
      "This client may request only: read.",
    ),
    401: oauthError(
      "Client authentication failed",
      "invalid_client",
      "Client authentication failed.",
    ),
    413: oauthError("Body too large", "invalid_request", "The request body exceeds 16 KiB."),
    429: {
      ...oauthError(
        "Too many token requests (see Retry-After)",
        "rate_limited",
        "Too many token requests. Try again in 30 seconds.",
      ),
      headers: { "Retry-After": { schema: { type: "integer" as const } } },
    },
  },
});

export const jwksRoute = createRoute({
  method: "get",
  path: "/.well-known/jwks.json",
  tags: ["OAuth"],
  summary: "Public keys that verify access tokens",
  responses: {
    200: {
      description: "The JSON Web Key Set (Ed25519).",
      content: {
        "application/json": {
          schema: JwksSchema,
          example: {
            keys: [
              {
                kty: "OKP",
                crv: "Ed25519",
                x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
                kid: "k1",
                alg: "EdDSA",
                use: "sig",
              },
            ],
          },
        },
      },
    },
  },
});

function tokenResponse(answer: TokenAnswer): Response {
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: { "content-type": "application/json", ...answer.headers },
  });
}

export function registerOAuthRoutes(app: MachineApp) {
  app.openapi(tokenRoute, async (c) => {
    let body: string;
    try {
      body = await readText(c.req.raw, TOKEN_REQUEST_MAX_BYTES);
    } catch (error) {
      if (!isDomainError(error) || error.code !== "payload_too_large") throw error;
      return tokenResponse(
        await refuseTokenRequest(
          c.req.raw.headers,
          new OAuthError(413, "invalid_request", error.message),
        ),
      );
    }
    return tokenResponse(await handleTokenRequest({ headers: c.req.raw.headers, body }));
  });
  app.openapi(jwksRoute, async (c) =>
    c.json(await publicJwks(), 200, { "Cache-Control": "public, max-age=300" }),
  );
}
