// Middleware that reads a JSON body before the route's zod schema validates it: 415 when it is not
// JSON, 413 past the cap (bytes read, not only Content-Length), 400 for invalid JSON or a NUL
// character. The checked text goes into Hono's body cache, where the route's validator reads it.
import type { MiddlewareHandler } from "hono";
import { readJsonValue } from "@/lib/http/read-body";

export function jsonBody(maxBytes = 64 * 1024): MiddlewareHandler {
  return async (c, next) => {
    const { text } = await readJsonValue(c.req.raw, maxBytes);
    // Hono's json() parses its cached text, so the validator reads what was checked here. The
    // cache holds promises at run time (its declared type says string).
    (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text);
    await next();
  };
}
