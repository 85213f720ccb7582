// Middleware for everything a CI API key authorises (CI trigger, Agent API): reads the key from
// `x-ci-api-key` or `Authorization: Bearer sck_…` and hands the route the key and its team.
import type { MiddlewareHandler } from "hono";
import { requestMetaFrom } from "@/lib/audit/request-meta";
import { authenticateCiKey } from "@/lib/credentials/ci-keys/authenticate";
import { jsonResponse } from "@/lib/http/error-response";
import type { MachineEnv } from "@/lib/http/machine-env";

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
export function ciKeyUnauthorized(): Response {
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

export const ciKeyAuth: MiddlewareHandler<MachineEnv> = async (c, next) => {
  const headers = c.req.raw.headers;
  const auth = await authenticateCiKey(presentedCiKey(headers), {
    request: () => requestMetaFrom(headers),
  });
  if (!auth) return ciKeyUnauthorized();
  c.set("ciKey", auth);
  await next();
};
