// Cursor pagination for the machine APIs: `?limit=` (1–100, default 20) and an opaque `?cursor=`
// that encodes the last item's creation time and id, so ties never skip or repeat an item.
import { z } from "zod";
import { invalidRequest, parseOrThrow } from "@/lib/errors";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export type Cursor = { createdAt: Date; id: string };

export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");
}

export function decodeCursor(cursor: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const [iso, id, extra] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (extra !== undefined || !id || !/^[a-z0-9]{1,40}$/i.test(id)) return null;
  if (Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, id };
}

export const pageQuerySchema = z.object({
  limit: z.coerce
    .number({ error: "Use a whole number." })
    .int("Use a whole number.")
    .min(1, "Ask for at least 1 item.")
    .max(MAX_PAGE_SIZE, `Ask for at most ${MAX_PAGE_SIZE} items.`)
    .default(DEFAULT_PAGE_SIZE),
  cursor: z.string().min(1).max(200).optional(),
});

/** `?limit=&cursor=` and nothing else (built once: zod compiles a schema on its first parse). */
export const plainPageQuerySchema = pageQuerySchema.strict();

/** Parses the query string with `schema` (which should extend pageQuerySchema); 400 on bad input. */
export function parseQuery<T extends z.ZodType>(url: URL, schema: T): z.infer<T> {
  const raw: Record<string, string> = {};
  for (const [key, value] of url.searchParams) raw[key] = value;
  return parseOrThrow(schema, raw, "query string");
}

/** The cursor, or a 400 naming the parameter when it is not one of ours. */
export function cursorOrThrow(cursor: string | undefined): Cursor | undefined {
  if (cursor === undefined) return undefined;
  const decoded = decodeCursor(cursor);
  if (!decoded)
    throw invalidRequest("The query string is invalid.", { cursor: ["Unknown cursor."] });
  return decoded;
}

/** Prisma `where` for "after this cursor" in newest-first (createdAt desc, id desc) order. */
export function afterCursorDesc(cursor: Cursor | undefined) {
  if (!cursor) return {};
  return {
    OR: [
      { createdAt: { lt: cursor.createdAt } },
      { createdAt: cursor.createdAt, id: { lt: cursor.id } },
    ],
  };
}

/** Prisma `where` for "after this cursor" in oldest-first (createdAt asc, id asc) order. */
export function afterCursorAsc(cursor: Cursor | undefined) {
  if (!cursor) return {};
  return {
    OR: [
      { createdAt: { gt: cursor.createdAt } },
      { createdAt: cursor.createdAt, id: { gt: cursor.id } },
    ],
  };
}

/** Splits `limit + 1` fetched rows into the page and the next cursor. */
export function pageOf<T extends { createdAt: Date; id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
