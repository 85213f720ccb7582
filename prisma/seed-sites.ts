// Demo sites with run history for the seed: runs are built from page snapshots through the real
// writer (diffs and storage), so the history, change counts and text diffs look exactly like crawled ones. Nothing
// is fetched here.
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import type { CrawledPage } from "@/lib/crawl/crawl";
import { recordRunResults } from "@/lib/runs/record-results";
import { createSite } from "@/lib/sites/sites";

type Snapshot = Record<string, { title: string; text: string; status?: number; fail?: string }>;

const hash = (t: string) => createHash("sha256").update(t).digest("hex");

type Source = "manual" | "schedule" | "ci" | "agent_api";
const SOURCES: Source[] = ["manual", "schedule", "ci", "agent_api"];

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
  return Object.entries(snap).map(([path, p], i) =>
    // A page whose fetch failed (a timeout) has no response at all.
    p.fail
      ? {
          url: `${origin}${path}`,
          depth: 1,
          httpStatus: null,
          contentType: null,
          title: null,
          text: null,
          textHash: null,
          links: [],
          durationMs: 10_000,
          error: p.fail,
        }
      : {
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
        },
  );
}

/**
 * One dated run, stored by the product's own writer (recordRunResults: diff against the site's
 * previous completed run, page text and page set stored once per team, sparse page rows), then
 * moved to its date.
 */
async function recordRun(
  teamId: string,
  siteId: string,
  origin: string,
  snap: Snapshot,
  at: Date,
  source: Source,
  durationMs: number,
  links: { ciApiKeyId: string | null },
) {
  const startedAt = new Date(at.getTime() + 40);
  const finishedAt = new Date(at.getTime() + 40 + durationMs);
  const run = await db.run.create({
    data: {
      teamId,
      siteId,
      source,
      status: "running",
      ciApiKeyId: links.ciApiKeyId,
      queuedAt: at,
      startedAt,
      createdAt: at,
      ...(source === "ci" || source === "agent_api"
        ? {
            commitSha: hash(at.toISOString()).slice(0, 10),
            branch: "main",
            repository: "acme/web",
          }
        : {}),
      logs: { create: { teamId, level: "info", message: `Queued (${source})`, createdAt: at } },
    },
  });
  const outcome = await recordRunResults({
    runId: run.id,
    teamId,
    siteId,
    pages: toPages(origin, snap),
  });
  if (!outcome.committed) throw new Error("demo run not recorded");
  await db.run.update({ where: { id: run.id }, data: { finishedAt } });
  await db.runLog.updateMany({
    where: { runId: run.id, message: { startsWith: "Finished" } },
    data: { createdAt: finishedAt },
  });
}

export async function seedSites(teamId: string, ciApiKeyId: string | null = null) {
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
  // 16 runs over the last 4 weeks from every source; the site's content moves through versions
  // 1–6, and one run hit a page that timed out (succeeded with errors).
  const RUNS = 16;
  for (let i = 0; i < RUNS; i++) {
    const at = new Date(Date.now() - (RUNS - i) * 1.7 * day - 3 * 3600_000);
    const v = 1 + Math.floor((i * 6) / RUNS);
    const snap = marketing(v);
    if (i === 11) snap["/blog"] = { title: "Blog", text: "", fail: "Timed out after 10000 ms" };
    const source = i === 0 ? "manual" : (SOURCES[i % SOURCES.length] ?? "manual");
    const durationMs = 3200 + ((i * 3779) % 4600) + (i === 11 ? 10_000 : 0);
    await recordRun(teamId, site.id, origin, snap, at, source, durationMs, {
      ciApiKeyId: source === "ci" || source === "agent_api" ? ciApiKeyId : null,
    });
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
