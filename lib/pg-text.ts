// Text that may reach PostgreSQL. Its text types cannot hold U+0000: a string with a NUL byte
// makes the query fail (SQLSTATE 22021) and the request end in a 500. Every schema that takes a
// string from outside refines it with `withoutNul`, and every lookup by an id from a URL first
// asks `isPossibleId`, so bad input is refused as input whichever HTTP layer carried it.
import type { z } from "zod";

export const containsNul = (value: string) => value.includes("\u0000");

/** Refuses a string containing NUL with a message naming the field. */
export function withoutNul<T extends z.ZodType<string>>(schema: T, label: string): T {
  return schema.refine((v) => !containsNul(v), `${label} must not contain NUL characters.`) as T;
}

/**
 * Whether a string can be the id of a stored row (cuids and other generated ids: letters, digits,
 * `_` and `-`, at most 64 characters). Anything else cannot exist, so a lookup answers "not
 * found" without a query.
 */
export function isPossibleId(id: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(id);
}
