// Middleware for the REST API (/api/v1): verifies the JWT bearer token in memory, checks the
// route's scope (ROUTE_SCOPES) and hands the route the calling client and its team.
import type { MiddlewareHandler } from "hono";
import { touchApiClient } from "@/lib/credentials/api-clients/authenticate-client";
import { grants, type Scope } from "@/lib/credentials/api-clients/scopes";
import { verifyAccessToken } from "@/lib/credentials/oauth/tokens";
import { forbidden } from "@/lib/errors";
import { errorBody, jsonResponse } from "@/lib/http/error-response";
import type { MachineEnv } from "@/lib/http/machine-env";

const REALM = 'realm="signal-diff"';

export function bearerUnauthorized(): Response {
  return jsonResponse(
    errorBody(
      "invalid_token",
      "The access token is missing, malformed, expired, revoked or not signed by us. Get a new one from POST /api/oauth/token.",
    ),
    {
      status: 401,
      headers: {
        "WWW-Authenticate": `Bearer ${REALM}, error="invalid_token", error_description="The access token is missing or invalid"`,
      },
    },
  );
}

export function insufficientScope(scopes: readonly Scope[]): Response {
  const named = scopes.map((s) => `"${s}"`).join(" or ");
  return jsonResponse(errorBody("insufficient_scope", `This request needs the ${named} scope.`), {
    status: 403,
    headers: {
      "WWW-Authenticate": `Bearer ${REALM}, error="insufficient_scope", scope="${scopes.join(" ")}"`,
    },
  });
}

/** Throws forbidden unless the resource belongs to the token's team. */
export function assertSameTeam(
  auth: { teamId: string },
  resourceTeamId: string | null | undefined,
) {
  if (!resourceTeamId || resourceTeamId !== auth.teamId) {
    throw forbidden("This credential does not have access to that resource.");
  }
}

/** `scope`: the scope the route needs; with a list, any one of them is enough. */
export function bearerAuth(scope: Scope | readonly Scope[]): MiddlewareHandler<MachineEnv> {
  const needed: readonly Scope[] = typeof scope === "string" ? [scope] : scope;
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+([A-Za-z0-9_.-]+)\s*$/i.exec(header);
    if (!match?.[1]) return bearerUnauthorized();
    const verified = await verifyAccessToken(match[1]);
    if (!verified.ok) return bearerUnauthorized();
    if (!needed.some((s) => grants(verified.token.scopes, s))) return insufficientScope(needed);
    touchApiClient(verified.token.clientId);
    c.set("bearer", verified.token);
    await next();
  };
}
