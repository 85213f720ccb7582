// Page text, stored once per distinct content per team. A page row points at its content by id;
// the id is derived from the team and the SHA-256 of the stored text, so an unchanged page of a
// later run adds only its page row, never its text again.
import { createHash } from "node:crypto";
import type { Tx } from "@/lib/db";

export function contentHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The PageContent id of `hash` in `teamId` (the migration computes the same: 'pc' || md5(…)). */
export function contentId(teamId: string, hash: string): string {
  return `pc${createHash("md5").update(`${teamId}:${hash}`, "utf8").digest("hex")}`;
}

/**
 * Makes sure every text is stored for the team, inside the caller's transaction, and returns the
 * content id of each text (null stays null). Existing contents are locked (KEY SHARE) before the
 * missing ones are inserted, so the retention job — which deletes only unreferenced contents it
 * can lock with SKIP LOCKED — can never delete a content between this check and the page rows
 * that point at it.
 */
export async function storePageContents(
  tx: Pick<Tx, "$executeRaw" | "$queryRaw">,
  teamId: string,
  texts: (string | null)[],
): Promise<(string | null)[]> {
  const byHash = new Map<string, string>();
  const ids = texts.map((text) => {
    if (text === null) return null;
    const hash = contentHash(text);
    byHash.set(hash, text);
    return contentId(teamId, hash);
  });
  if (byHash.size === 0) return ids;
  const hashes = [...byHash.keys()];
  const existing = await tx.$queryRaw<{ hash: string }[]>`
    SELECT "hash" FROM "PageContent"
    WHERE "teamId" = ${teamId} AND "hash" = ANY(${hashes}::text[])
    FOR KEY SHARE`;
  const have = new Set(existing.map((r) => r.hash));
  const missing = hashes.filter((h) => !have.has(h));
  if (missing.length > 0) {
    const missingTexts = missing.map((h) => byHash.get(h) ?? "");
    const missingIds = missing.map((h) => contentId(teamId, h));
    await tx.$executeRaw`
      INSERT INTO "PageContent" ("id", "teamId", "hash", "text")
      SELECT u.id, ${teamId}, u.hash, u.text
      FROM unnest(${missingIds}::text[], ${missing}::text[], ${missingTexts}::text[]) AS u(id, hash, text)
      ON CONFLICT ("teamId", "hash") DO NOTHING`;
  }
  return ids;
}
