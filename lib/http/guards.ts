// Refusals that come before routing: a URL whose path is not valid percent-encoding or holds a
// NUL character, and a query string with NUL, answered 400 in JSON instead of a 500 further in.
import type { MiddlewareHandler } from "hono";
import { invalidRequest, zodFieldErrors } from "@/lib/errors";
import { domainErrorResponse } from "@/lib/http/error-response";
import type { z } from "zod";

/** The 400 for a path or query string that cannot be decoded, or null when it is fine. */
export function malformedUrlError(rawUrl: string): ReturnType<typeof invalidRequest> | null {
  const start = rawUrl.indexOf("/", rawUrl.indexOf("//") + 2);
  const pathAndQuery = start === -1 ? "/" : rawUrl.slice(start);
  const q = pathAndQuery.indexOf("?");
  const path = q === -1 ? pathAndQuery : pathAndQuery.slice(0, q);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return invalidRequest("The URL path is not valid percent-encoding.");
  }
  if (decoded.includes("\u0000")) return invalidRequest("The URL path must not contain NUL.");
  if (q !== -1) {
    const query = pathAndQuery.slice(q + 1);
    if (/%00/.test(query) || query.includes("\u0000")) {
      return invalidRequest("The query string must not contain NUL.");
    }
  }
  return null;
}

export const rejectMalformedUrl: MiddlewareHandler = async (c, next) => {
  const error = malformedUrlError(c.req.url);
  if (error) return domainErrorResponse(error);
  await next();
};

type ValidationResult = { success: true } | { success: false; error: z.ZodError; target: string };

/** The routes' validation hook: a schema mismatch is a 400 naming each field. */
export function validationHook(result: ValidationResult) {
  if (result.success) return undefined;
  const what =
    result.target === "query"
      ? "query string"
      : result.target === "param"
        ? "URL path"
        : "request body";
  return domainErrorResponse(
    invalidRequest(`The ${what} is invalid.`, zodFieldErrors(result.error)),
  );
}
