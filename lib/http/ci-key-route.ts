// The route wrapper for everything a CI API key authorises (CI trigger, Agent API): reads the key
// from `x-ci-api-key` or `Authorization: Bearer sck_…` and hands the handler the key and its team.
import type { NextRequest } from "next/server";
import { authenticateCiKey, type CiKeyAuth } from "@/lib/credentials/ci-keys/authenticate";
import { apiRoute, jsonResponse } from "@/lib/http/handler";
import { requestMetaFrom } from "@/lib/http/request-meta";

type RouteContext<P> = { params: Promise<P> };
export type CiKeyContext<P> = RouteContext<P> & { auth: CiKeyAuth };

export const CI_KEY_UNAUTHORIZED_BODY = {
  error: {
    code: "unauthorized",
    message:
      "Missing or invalid API key. Send an active CI API key in the x-ci-api-key header. See /docs/troubleshooting.",
  },
} as const;

/**
 * The one answer for every failure — missing, empty, malformed, bad checksum, unknown, expired,
 * revoked or rotated away — with the same body and headers, so a caller learns nothing about which.
 */
export function ciKeyUnauthorized() {
  return jsonResponse(CI_KEY_UNAUTHORIZED_BODY, {
    status: 401,
    headers: { "WWW-Authenticate": 'Bearer realm="signal-diff"' },
  });
}

/** The presented key, from `x-ci-api-key` first, else `Authorization: Bearer …`. */
export function presentedCiKey(headers: Headers): string | null {
  const header = headers.get("x-ci-api-key");
  if (header !== null) return header.trim();
  const authorization = headers.get("authorization");
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  return match ? (match[1] ?? null) : null;
}

export function ciKeyRoute<P = Record<string, never>>(
  handler: (req: NextRequest, ctx: CiKeyContext<P>) => Promise<Response>,
) {
  return apiRoute<P>(async (req, ctx) => {
    const auth = await authenticateCiKey(presentedCiKey(req.headers), {
      request: requestMetaFrom(req.headers),
    });
    if (!auth) return ciKeyUnauthorized();
    return handler(req, { ...ctx, auth });
  });
}
