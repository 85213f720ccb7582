// The one site-list query: the team's live sites, newest first (createdAt desc, id desc, so ties
// never skip or repeat a site), one cursor page. The dashboard's Sites page (listSites) and the
// REST API (listSitesForApi) both read through it; it is a typed Kysely query on the pg pool
// because the API calls it on every `GET /api/v1/sites` (see lib/kysely.ts).
import { pageOf, type Cursor } from "@/lib/api/pagination";
import { kdb, preparedQuery, utcTimestamp } from "@/lib/kysely";

// Compiled once per shape (with or without a cursor); each argument is one parameter.
const sitePage = preparedQuery(
  (teamId: string, take: number, afterAt: string | undefined, afterId: string | undefined) =>
    kdb()
      .selectFrom("Site")
      .selectAll()
      .where("teamId", "=", teamId)
      .where("deletedAt", "is", null)
      .$if(afterAt !== undefined && afterId !== undefined, (q) =>
        q.where((eb) => {
          const at = utcTimestamp(afterAt ?? "");
          return eb.or([
            eb("createdAt", "<", at),
            eb.and([eb("createdAt", "=", at), eb("id", "<", afterId ?? "")]),
          ]);
        }),
      )
      .orderBy("createdAt", "desc")
      .orderBy("id", "desc")
      .limit(take),
);

export async function querySitePage(teamId: string, page: { cursor?: Cursor; limit: number }) {
  const limit = Math.min(Math.max(page.limit, 1), 200);
  const { cursor } = page;
  const rows = await sitePage(teamId, limit + 1, cursor?.createdAt.toISOString(), cursor?.id);
  return pageOf(rows, limit);
}
