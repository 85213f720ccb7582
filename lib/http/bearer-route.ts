// The route wrapper for the REST API (/api/v1): verifies the JWT bearer token in memory, checks
// the route's scope, and hands the handler the calling client and its team.
import type { NextRequest } from "next/server";
import { touchApiClient } from "@/lib/credentials/api-clients/authenticate-client";
import { grants, type Scope } from "@/lib/credentials/api-clients/scopes";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute, jsonResponse } from "@/lib/http/handler";
import { verifyAccessToken, type VerifiedToken } from "@/lib/credentials/oauth/tokens";

type RouteContext<P> = { params: Promise<P> };
export type BearerAuth = VerifiedToken;
export type BearerContext<P> = RouteContext<P> & { auth: BearerAuth };

const REALM = 'realm="signal-diff"';

export function bearerUnauthorized() {
  return jsonResponse(
    {
      error: {
        code: "invalid_token",
        message:
          "The access token is missing, malformed, expired, revoked or not signed by us. Get a new one from POST /api/oauth/token.",
      },
    },
    {
      status: 401,
      headers: {
        "WWW-Authenticate": `Bearer ${REALM}, error="invalid_token", error_description="The access token is missing or invalid"`,
      },
    },
  );
}

function insufficientScope(scopes: readonly Scope[]) {
  const named = scopes.map((s) => `"${s}"`).join(" or ");
  return new ApiError(403, "insufficient_scope", `This request needs the ${named} scope.`, {
    headers: {
      "WWW-Authenticate": `Bearer ${REALM}, error="insufficient_scope", scope="${scopes.join(" ")}"`,
    },
  });
}

/** 403 unless the resource belongs to the token's team (the seed's "different team" case). */
export function assertSameTeam(
  auth: Pick<BearerAuth, "teamId">,
  resourceTeamId: string | null | undefined,
) {
  if (!resourceTeamId || resourceTeamId !== auth.teamId) {
    throw new ApiError(403, "forbidden", "This credential does not have access to that resource.");
  }
}

/** `scope`: the scope the route needs; with a list, any one of them is enough. */
export function bearerRoute<P = Record<string, never>>(
  options: { scope: Scope | readonly Scope[] },
  handler: (req: NextRequest, ctx: BearerContext<P>) => Promise<Response>,
) {
  const needed: readonly Scope[] =
    typeof options.scope === "string" ? [options.scope] : options.scope;
  return apiRoute<P>(async (req, ctx) => {
    const header = req.headers.get("authorization") ?? "";
    const match = /^Bearer\s+([A-Za-z0-9_.-]+)\s*$/i.exec(header);
    if (!match?.[1]) return bearerUnauthorized();
    const verified = await verifyAccessToken(match[1]);
    if (!verified.ok) return bearerUnauthorized();
    if (!needed.some((s) => grants(verified.token.scopes, s))) throw insufficientScope(needed);
    touchApiClient(verified.token.clientId);
    return handler(req, { ...ctx, auth: verified.token });
  });
}
