// Issue 17 points 2 and 5: the page-set migration moves every run's page rows into content-addressed
// page sets plus the sparse rows of pages that were not unchanged, losing nothing. A fresh database
// gets every migration before it, runs are written in the old layout (one row per page), then the
// migration runs and every run's pages are read back through readRunPages' own SQL.
import { describe, expect, it } from "vitest";
import { contentHash, contentId } from "@/lib/runs/page-content";
import {
  pageSetHash,
  pageSetId,
  runPagesSql,
  type PageSetEntryInput,
  type RunPageRecord,
} from "@/lib/runs/page-set";
import { databaseBeforeMigration, migrationSql } from "./migration-test-db";

const MIGRATION = "20261201111433_page_sets";
const { db } = databaseBeforeMigration(MIGRATION, "signaldiff_migration_sets");

type OldPage = {
  url: string;
  depth?: number;
  httpStatus?: number | null;
  contentType?: string | null;
  title?: string | null;
  text?: string | null;
  links?: string[];
  durationMs?: number | null;
  error?: string | null;
  change: string | null;
  previousStatus?: number | null;
  diff?: string | null;
};

const page = (url: string, over: Partial<OldPage> = {}): OldPage => ({
  url,
  depth: 1,
  httpStatus: 200,
  contentType: "text/html; charset=utf-8",
  title: `Title of ${url}`,
  text: `Text of ${url}`,
  links: [`${url}/next`, "https://a.test/"],
  durationMs: 12,
  error: null,
  change: "unchanged",
  previousStatus: null,
  diff: null,
  ...over,
});

// run id → [team, baseline run or null, pages in the old layout]
const unchanged = (urls: string[], prev: boolean) =>
  urls.map((u) => page(u, { previousStatus: prev ? 200 : null }));
const RUNS: Record<string, [string, string | null, OldPage[]]> = {
  // The baseline, then two unchanged crawls of it (one set for all three).
  run_a1: [
    "team_a",
    null,
    [
      ...unchanged(["https://a.test/", "https://a.test/pricing", "https://a.test/日本"], false),
      page("https://a.test/missing", { httpStatus: 404, error: "HTTP 404", text: null }),
      page("https://a.test/slow", { durationMs: null }),
    ],
  ],
  run_a2: [
    "team_a",
    "run_a1",
    [
      ...unchanged(["https://a.test/", "https://a.test/pricing", "https://a.test/日本"], true),
      page("https://a.test/missing", {
        httpStatus: 404,
        error: "HTTP 404",
        text: null,
        previousStatus: 404,
      }),
      page("https://a.test/slow", { durationMs: null, previousStatus: 200 }),
    ],
  ],
  run_a3: [
    "team_a",
    "run_a2",
    [
      ...unchanged(["https://a.test/", "https://a.test/pricing", "https://a.test/日本"], true),
      page("https://a.test/missing", {
        httpStatus: 404,
        error: "HTTP 404",
        text: null,
        previousStatus: 404,
      }),
      page("https://a.test/slow", { durationMs: null, previousStatus: 200 }),
    ],
  ],
  // Changed, added, removed and failed pages, and a legacy row without a change.
  run_a4: [
    "team_a",
    "run_a3",
    [
      page("https://a.test/", {
        text: "Home — new ✓",
        change: "changed",
        previousStatus: 200,
        diff: "-Text of https://a.test/\n+Home — new ✓",
      }),
      ...unchanged(["https://a.test/pricing"], true),
      page("https://a.test/new", { change: "added", depth: 2 }),
      page("https://a.test/日本", {
        depth: 0,
        httpStatus: null,
        text: null,
        links: [],
        durationMs: null,
        change: "removed",
        previousStatus: 200,
        diff: "-Text of https://a.test/日本",
      }),
      page("https://a.test/slow", {
        httpStatus: null,
        text: null,
        contentType: null,
        title: null,
        links: [],
        durationMs: 10000,
        error: "Timed out after 10000 ms",
        change: "error",
        previousStatus: 200,
      }),
      page("https://a.test/legacy", { change: null }),
      page("https://a.test/odd", { previousStatus: 500 }), // unchanged, yet its own status
    ],
  ],
  // Another team with the same pages: its own contents, so its own set.
  run_b1: ["team_b", null, unchanged(["https://a.test/", "https://a.test/pricing"], false)],
  // A run without pages.
  run_b2: ["team_b", "run_b1", []],
};

describe(`migration ${MIGRATION}`, () => {
  it("moves every run's pages into shared page sets and sparse rows, losing nothing", async () => {
    await db().query(`
      INSERT INTO "Team" (id, name, slug, "updatedAt") VALUES
        ('team_a', 'A', 'a', now()), ('team_b', 'B', 'b', now());
      INSERT INTO "Site" (id, "teamId", name, "startUrl", "updatedAt") VALUES
        ('site_a', 'team_a', 'A', 'https://a.test/', now()),
        ('site_b', 'team_b', 'B', 'https://a.test/', now())`);
    let n = 0;
    for (const [runId, [teamId, baseline, pages]] of Object.entries(RUNS)) {
      await db().query(
        `INSERT INTO "Run" (id, "teamId", "siteId", status, source, "baselineRunId", "updatedAt")
         VALUES ($1, $2, $3, 'succeeded', 'manual', $4, now())`,
        [runId, teamId, teamId.replace("team", "site"), baseline],
      );
      for (const p of pages) {
        const text = p.text ?? null;
        const hash = text === null ? null : contentHash(text);
        const cid = hash === null ? null : contentId(teamId, hash);
        if (hash !== null)
          await db().query(
            `INSERT INTO "PageContent" (id, "teamId", hash, text) VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING`,
            [cid, teamId, hash, text],
          );
        await db().query(
          `INSERT INTO "RunPage" (id, "runId", "teamId", url, depth, "httpStatus", "contentType",
             title, "textHash", "contentId", links, "durationMs", error, change, "previousStatus",
             diff)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
          [
            `page${String(++n).padStart(3, "0")}`,
            runId,
            teamId,
            p.url,
            p.depth ?? 0,
            p.httpStatus ?? null,
            p.contentType ?? null,
            p.title ?? null,
            hash,
            cid,
            p.links ?? [],
            p.durationMs ?? null,
            p.error ?? null,
            p.change,
            p.previousStatus ?? null,
            p.diff ?? null,
          ],
        );
      }
    }
    // Every run's pages as the old layout reads them (one row per page, with its text).
    const before = new Map<string, (RunPageRecord & { text: string | null })[]>();
    for (const runId of Object.keys(RUNS)) {
      const { rows } = await db().query<RunPageRecord & { text: string | null }>(
        `SELECT p.id, p.url, p.depth, p."httpStatus", p."contentType", p.title, p."textHash",
           p."durationMs", p.error, p.change, p."previousStatus", p.diff, p."contentId", c.text
         FROM "RunPage" p LEFT JOIN "PageContent" c ON c.id = p."contentId"
         WHERE p."runId" = $1 ORDER BY p.url COLLATE "C"`,
        [runId],
      );
      before.set(runId, rows);
    }
    const rowsBefore = Number((await db().query(`SELECT count(*) FROM "RunPage"`)).rows[0].count);

    await db().query(migrationSql(MIGRATION));
    const kept = new Set(
      (await db().query<{ id: string }>(`SELECT id FROM "RunPage"`)).rows.map((r) => r.id),
    );

    for (const [runId, [teamId]] of Object.entries(RUNS)) {
      const { text, values } = runPagesSql(true, {});
      values[0] = runId;
      values[1] = teamId;
      const { rows: after } = await db().query<RunPageRecord & { text: string | null }>(
        text,
        values,
      );
      const old = before.get(runId) ?? [];
      expect(after.length, runId).toBe(old.length);
      after.forEach((p, i) => {
        const o = old[i];
        if (!o) throw new Error("missing");
        const oldId = o.id;
        // Every field but an unchanged page's id reads back unchanged.
        expect({ ...p, id: "" }, `${runId} ${p.url}`).toEqual({ ...o, id: "" });
        // Rows the migration kept keep their ids; an unchanged page's id is now derived.
        if (kept.has(oldId)) expect(p.id).toBe(oldId);
        else expect(p.id).toMatch(/^rp[0-9a-f]{32}$/);
      });
      expect(new Set(after.map((p) => p.id)).size).toBe(after.length);
    }

    // The three crawls that found the same pages share one set; team b has its own.
    const { rows: runs } = await db().query<{ id: string; pageSetId: string | null }>(
      `SELECT id, "pageSetId" FROM "Run" ORDER BY id`,
    );
    const setOf = Object.fromEntries(runs.map((r) => [r.id, r.pageSetId]));
    expect(setOf.run_a2).toBe(setOf.run_a1);
    expect(setOf.run_a3).toBe(setOf.run_a1);
    expect(new Set([setOf.run_a1, setOf.run_a4, setOf.run_b1]).size).toBe(3);
    expect(setOf.run_b2).toBeNull();
    // Rows left: only what is particular to a run (run_a4: changed, added, removed, error, legacy
    // and the odd previous status), out of one row per page before.
    const { rows: left } = await db().query<{ runId: string; url: string }>(
      `SELECT "runId", url FROM "RunPage" ORDER BY "runId", url`,
    );
    expect(rowsBefore).toBe(24);
    expect(left.map((r) => `${r.runId} ${r.url.replace("https://a.test", "")}`)).toEqual([
      "run_a4 /",
      "run_a4 /legacy",
      "run_a4 /new",
      "run_a4 /odd",
      "run_a4 /slow",
      "run_a4 /日本",
    ]);

    // The set's id is the one the application computes for the same entries, so the next crawl
    // that finds these pages reuses the migrated set instead of writing a new one.
    for (const setId of [setOf.run_a1, setOf.run_a4, setOf.run_b1]) {
      const { rows: set } = await db().query<{ teamId: string; hash: string }>(
        `SELECT "teamId", hash FROM "PageSet" WHERE id = $1`,
        [setId],
      );
      const { rows: entries } = await db().query<PageSetEntryInput>(
        `SELECT url, depth, "httpStatus", "contentType", title, "textHash", "contentId", error, links
         FROM "PageSetEntry" WHERE "setId" = $1 ORDER BY position`,
        [setId],
      );
      const hash = pageSetHash(entries);
      expect(set[0]?.hash).toBe(hash);
      expect(pageSetId(set[0]?.teamId ?? "", hash)).toBe(setId);
    }
  });
});
