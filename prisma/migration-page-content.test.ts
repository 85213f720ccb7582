// Issue 17 point 5: the page-content migration moves every existing RunPage.text into PageContent
// without loss. A fresh database gets every migration before it, runs with page texts are written
// in the old layout, then the migration runs and each page's text is read back through its content.
import { describe, expect, it } from "vitest";
import { contentHash, contentId } from "@/lib/runs/page-content";
import { databaseBeforeMigration, migrationSql } from "./migration-test-db";

const MIGRATION = "20261201081712_page_content_and_retention";
const { db } = databaseBeforeMigration(MIGRATION, "signaldiff_migration");

describe(`migration ${MIGRATION}`, () => {
  it("moves every page's text into content stored once per team, losing nothing", async () => {
    // Two teams; the same text on several pages, runs and teams; pages without text; unicode.
    const texts = ["Welcome home", "Pricing\n$10 a month", "Ünïcödé — 日本語 ✓", "Welcome home"];
    await db().query(`
      INSERT INTO "Team" (id, name, slug, "updatedAt") VALUES
        ('team_a', 'A', 'a', now()), ('team_b', 'B', 'b', now());
      INSERT INTO "Site" (id, "teamId", name, "startUrl", "updatedAt") VALUES
        ('site_a', 'team_a', 'A', 'https://a.test/', now()),
        ('site_b', 'team_b', 'B', 'https://b.test/', now());
      INSERT INTO "Run" (id, "teamId", "siteId", status, source, "updatedAt")
        SELECT 'run_' || t || '_' || g, 'team_' || t, 'site_' || t, 'succeeded', 'manual', now()
        FROM unnest(ARRAY['a', 'b']) t, generate_series(1, 3) g;`);
    const expected = new Map<string, string | null>();
    let n = 0;
    for (const team of ["a", "b"])
      for (let run = 1; run <= 3; run++)
        for (let p = 0; p <= texts.length; p++) {
          const text = p < texts.length ? (texts[(p + run) % texts.length] ?? null) : null;
          const id = `page_${++n}`;
          expected.set(id, text);
          await db().query(
            `INSERT INTO "RunPage" (id, "runId", "teamId", url, text, "textHash", change)
             VALUES ($1, $2, $3, $4, $5, $6, 'unchanged')`,
            [
              id,
              `run_${team}_${run}`,
              `team_${team}`,
              `https://${team}.test/${p}`,
              text,
              text === null ? null : contentHash(text),
            ],
          );
        }

    await db().query(migrationSql(MIGRATION));

    const { rows } = await db().query<{
      id: string;
      teamId: string;
      contentId: string | null;
      text: string | null;
      contentTeam: string | null;
    }>(`SELECT p.id, p."teamId", p."contentId", c.text, c."teamId" AS "contentTeam"
        FROM "RunPage" p LEFT JOIN "PageContent" c ON c.id = p."contentId"`);
    expect(rows).toHaveLength(expected.size);
    for (const row of rows) {
      const want = expected.get(row.id);
      expect(row.text, row.id).toBe(want);
      if (want !== null && want !== undefined) {
        expect(row.contentTeam).toBe(row.teamId);
        // The id the application computes for the same text: later crawls reuse these rows.
        expect(row.contentId).toBe(contentId(row.teamId, contentHash(want)));
      } else expect(row.contentId).toBeNull();
    }
    // Once per distinct text per team: 3 distinct texts × 2 teams.
    const { rows: counts } = await db().query<{ n: string }>(
      `SELECT count(*) AS n FROM "PageContent"`,
    );
    expect(Number(counts[0]?.n)).toBe(6);
    const { rows: cols } = await db().query(
      `SELECT 1 FROM information_schema.columns WHERE table_name = 'RunPage' AND column_name = 'text'`,
    );
    expect(cols).toHaveLength(0);
  });
});
