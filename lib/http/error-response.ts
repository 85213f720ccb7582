// The one mapping of domain errors to HTTP: each DomainError code has exactly one status, and
// every machine-API error is answered as { "error": { "code", "message", "fields"? } }.
import { HTTPException } from "hono/http-exception";
import { isDomainError, type DomainCode, type DomainError, type FieldErrors } from "@/lib/errors";
import { logger } from "@/lib/log";

export const STATUS_OF_CODE = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  last_owner: 409,
  key_revoked: 409,
  key_expired: 409,
  key_exists: 409,
  subscription_ended: 409,
  invite_expired: 410,
  invite_used: 410,
  invite_revoked: 410,
  invite_unknown: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  billing_unavailable: 503,
  price_missing: 503,
  upstream_unavailable: 503,
} as const satisfies Record<DomainCode, number>;

export type ErrorBody = { error: { code: string; message: string; fields?: FieldErrors } };

const JSON_HEADERS = { "content-type": "application/json", "cache-control": "no-store" };

/** A JSON answer with the API's default headers (no caching). */
export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { ...JSON_HEADERS, ...init.headers },
  });
}

export function errorBody(code: string, message: string, fields?: FieldErrors): ErrorBody {
  return { error: { code, message, ...(fields ? { fields } : {}) } };
}

/** The status a domain error is answered with. */
export function statusOf(error: Pick<DomainError, "code">): number {
  return STATUS_OF_CODE[error.code];
}

export function domainErrorResponse(error: DomainError): Response {
  const headers: Record<string, string> = {};
  if (error.retryAfter !== undefined) {
    headers["Retry-After"] = String(Math.max(1, Math.ceil(error.retryAfter)));
  }
  return jsonResponse(errorBody(error.code, error.message, error.fields), {
    status: statusOf(error),
    headers,
  });
}

/** Any error thrown while answering → its answer. Unexpected ones are logged and hidden. */
export function errorResponseFor(error: unknown, request: { method: string; path: string }) {
  if (isDomainError(error)) return domainErrorResponse(error);
  if (error instanceof HTTPException && error.status < 500) {
    return jsonResponse(errorBody("invalid_request", error.message || "Bad request."), {
      status: error.status,
    });
  }
  logger.error({ err: error, ...request }, "unhandled API error");
  return jsonResponse(errorBody("internal_error", "Something went wrong on our side."), {
    status: 500,
  });
}
