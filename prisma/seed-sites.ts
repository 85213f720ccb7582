// Demo sites with run history for the seed: runs are built from page snapshots through the real
// diff code, so the history, change counts and text diffs look exactly like crawled ones. Nothing
// is fetched here.
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import type { CrawledPage } from "@/lib/crawl/crawl";
import { diffPages, type BaselinePage } from "@/lib/crawl/diff";
import { createSite } from "@/lib/sites/sites";

type Snapshot = Record<string, { title: string; text: string; status?: number }>;

const hash = (t: string) => createHash("sha256").update(t).digest("hex");

function marketing(v: number): Snapshot {
  const price = v < 4 ? "$29" : "$39";
  const pages: Snapshot = {
    "/": {
      title: "Acme — Ship with confidence",
      text: `Acme\nShip with confidence.\nPlans from ${price} a month.\nTrusted by 4,000 teams.`,
    },
    "/pricing": {
      title: "Pricing",
      text: `Pricing\nStarter ${price}/month\nTeam $99/month\nEnterprise: talk to us.`,
    },
    "/about": { title: "About", text: "About Acme\nWe build deploy tooling.\nFounded in 2019." },
    "/blog": {
      title: "Blog",
      text: `Blog\n${Array.from({ length: v }, (_, i) => `Release notes ${i + 1}`).join("\n")}`,
    },
    "/careers": { title: "Careers", text: "Careers\nWe are hiring engineers." },
  };
  if (v >= 3)
    pages["/customers"] = { title: "Customers", text: "Customers\nHow Globex ships daily." };
  if (v >= 5) delete pages["/careers"];
  if (v === 6)
    pages["/status"] = { title: "Status", text: "Status\nAll systems normal.", status: 503 };
  return pages;
}

function toPages(origin: string, snap: Snapshot): CrawledPage[] {
  return Object.entries(snap).map(([path, p], i) => ({
    url: `${origin}${path}`,
    depth: path === "/" ? 0 : 1,
    httpStatus: p.status ?? 200,
    contentType: "text/html; charset=utf-8",
    title: p.title,
    text: p.text,
    textHash: hash(p.text),
    links: [],
    durationMs: 80 + i * 13,
    error: p.status && p.status >= 400 ? `HTTP ${p.status}` : null,
  }));
}

async function recordRun(
  teamId: string,
  siteId: string,
  origin: string,
  snap: Snapshot,
  baseline: { id: string; pages: BaselinePage[] } | null,
  at: Date,
  source: "manual" | "schedule" | "ci",
) {
  const pages = toPages(origin, snap);
  const { pages: diffed, summary } = diffPages(pages, baseline?.pages ?? null);
  const run = await db.run.create({
    data: {
      teamId,
      siteId,
      source,
      status: "succeeded",
      pagesPlanned: pages.length,
      pagesDone: pages.length,
      pagesAdded: summary.added,
      pagesRemoved: summary.removed,
      pagesChanged: summary.changed,
      pagesUnchanged: summary.unchanged,
      pagesErrored: pages.filter((p) => p.error).length,
      baselineRunId: baseline?.id ?? null,
      queuedAt: at,
      startedAt: new Date(at.getTime() + 40),
      finishedAt: new Date(at.getTime() + 4200),
      createdAt: at,
      ...(source === "ci"
        ? { commitSha: "9f2c1e7a4b", branch: "main", repository: "acme/web" }
        : {}),
      pages: {
        create: diffed.map((p) => ({
          teamId,
          url: p.url,
          depth: p.depth,
          httpStatus: p.httpStatus,
          contentType: p.contentType,
          title: p.title,
          text: p.text,
          textHash: p.textHash,
          links: p.links,
          durationMs: p.durationMs,
          error: p.error,
          change: p.change,
          previousStatus: p.previousStatus,
          diff: p.diff,
        })),
      },
      logs: {
        create: [
          { teamId, level: "info", message: `Queued (${source})`, createdAt: at },
          {
            teamId,
            level: "info",
            message: baseline
              ? `Finished: ${pages.length} pages — ${summary.changed} changed, ${summary.added} added, ${summary.removed} removed`
              : `Finished: ${pages.length} pages recorded as the baseline`,
            createdAt: new Date(at.getTime() + 4200),
          },
        ],
      },
    },
  });
  const base: BaselinePage[] = pages.map((p) => ({
    url: p.url,
    httpStatus: p.httpStatus,
    textHash: p.textHash,
    text: p.text,
    title: p.title,
    contentType: p.contentType,
  }));
  return { id: run.id, pages: base };
}

export async function seedSites(teamId: string) {
  const origin = "https://www.acme.example";
  const created = await createSite(teamId, {
    name: "Marketing site",
    startUrl: `${origin}/`,
    maxPages: 100,
    scheduleKind: "daily",
  });
  if (!created.ok) throw new Error("demo site");
  const site = created.site;
  const day = 86_400_000;
  let baseline: { id: string; pages: BaselinePage[] } | null = null;
  for (let v = 1; v <= 6; v++) {
    const at = new Date(Date.now() - (7 - v) * day - 3 * 3600_000);
    const source = v === 1 ? "manual" : v % 2 === 0 ? "schedule" : "ci";
    baseline = await recordRun(teamId, site.id, origin, marketing(v), baseline, at, source);
  }
  // A scheduled start refused by the limit, and a failed run, so history shows every state.
  await db.run.create({
    data: {
      teamId,
      siteId: site.id,
      source: "schedule",
      status: "skipped",
      skipReason: "concurrency limit",
      createdAt: new Date(Date.now() - 2.5 * day),
      finishedAt: new Date(Date.now() - 2.5 * day),
    },
  });
  const docs = await createSite(teamId, {
    name: "Docs",
    startUrl: "https://docs.acme.example/",
    maxPages: 200,
    maxDepth: 4,
    excludePatterns: "/search*",
    scheduleKind: "cron",
    scheduleCron: "30 6 * * 1-5",
  });
  if (!docs.ok) throw new Error("demo docs site");
  await db.run.create({
    data: {
      teamId,
      siteId: docs.site.id,
      source: "manual",
      status: "failed",
      error: "Host not found",
      createdAt: new Date(Date.now() - day),
      startedAt: new Date(Date.now() - day + 30),
      finishedAt: new Date(Date.now() - day + 900),
      logs: { create: { teamId, level: "error", message: "Crawl failed: Host not found" } },
    },
  });
}
