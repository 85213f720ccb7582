// The crawler against local HTTP test sites (never the internet).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  crawl,
  CrawlError,
  patternMatcher,
  type CrawledPage,
  type CrawlSettings,
} from "@/lib/crawl/crawl";
import { diffPages, isFailedPage } from "@/lib/crawl/diff";
import { extractPage } from "@/lib/crawl/extract";
import { createHttpFetcher } from "@/lib/crawl/fetcher";
import { page, startSiteServer, treeSite, type Route, type SiteServer } from "@/test/site-server";

let version = 1;
const routes: Record<string, () => Route | null> = {
  "/": () =>
    page(
      "Home",
      [version === 1 ? "Welcome to version one." : "Welcome to version two.", "Stable text."],
      [
        "/about",
        "/about#team",
        "./about?",
        "/blog/",
        "/private/secret",
        "/missing",
        "/broken",
        "/slow",
        "/logo.png",
        "/redirect-me",
        "/loop/0",
        "/huge",
        "https://elsewhere.example/",
        "mailto:hi@example.com",
        version === 1 ? "/old" : "/new",
      ],
    ),
  "/about": () => page("About", ["We make diffs."], ["/", "/about/team"]),
  "/about?": () => page("About (query)", ["Same page with empty query."]),
  "/about/team": () => page("Team", ["Deep page."], ["/about/team/deeper"]),
  "/about/team/deeper": () => page("Deeper", ["Too deep for depth 2."]),
  "/blog/": () => page("Blog", ["Posts."]),
  "/private/secret": () => page("Secret", ["Robots says no."]),
  "/broken": () => ({ status: 500, body: "<title>Oops</title><p>Server error</p>" }),
  "/slow": () => ({ ...page("Slow", ["Too slow."]), delayMs: 3000 }),
  "/logo.png": () => ({ contentType: "image/png", body: version === 1 ? "PNG1" : "PNG2" }),
  "/redirect-me": () => ({ redirect: "/blog/", status: 301 }),
  "/huge": () => ({ hugeBytes: 3 * 1024 * 1024 }),
  "/old": () => page("Old", ["Going away."]),
  "/new": () => page("New", ["Just arrived."]),
  "/robots.txt": () => ({
    contentType: "text/plain",
    body: "User-agent: *\nDisallow: /private/\n",
  }),
};

let site: SiteServer;
beforeAll(async () => {
  site = await startSiteServer((path) => {
    const loop = /^\/loop\/(\d+)$/.exec(path);
    if (loop) return { redirect: `/loop/${Number(loop[1]) + 1}` };
    return routes[path]?.() ?? null;
  });
});
afterAll(() => site.close());

const fetcher = () =>
  createHttpFetcher({ allowPrivateNetworks: true, maxBytes: 1024 * 1024, maxRedirects: 5 });

function settings(patch: Partial<CrawlSettings> = {}): CrawlSettings {
  return {
    startUrl: `${site.url}/`,
    maxPages: 50,
    maxDepth: 2,
    includePatterns: [],
    excludePatterns: [],
    requestTimeoutMs: 1000,
    ...patch,
  };
}

describe("extractPage", () => {
  it("keeps visible text by block and resolves links", () => {
    const p = extractPage(
      `<html><head><title> Hi  there </title><base href="/docs/"></head><body><script>x()</script>
       <h1>Title</h1><p>One   two<br>three</p><ul><li>a</li><li>b</li></ul>
       <a href="guide#x">g</a><a href="/n" rel="nofollow">n</a><a href="javascript:void(0)">j</a></body></html>`,
      "https://example.com/page",
    );
    expect(p.title).toBe("Hi there");
    expect(p.text).toBe("Title\nOne two\nthree\na\nb\ngnj");
    expect(p.links).toEqual(["https://example.com/docs/guide"]);
  });

  it("matches include/exclude patterns on paths", () => {
    expect(patternMatcher("/blog/*")("/blog/post")).toBe(true);
    expect(patternMatcher("/blog/*")("/about")).toBe(false);
    expect(patternMatcher("/about")("/about?x=1")).toBe(true);
    expect(patternMatcher("/about")("/about/team")).toBe(false);
  });
});

describe("crawl", () => {
  it("discovers same-origin links breadth-first and records every kind of page", async () => {
    version = 1;
    const pages = await crawl(fetcher(), settings());
    const byPath = new Map(pages.map((p) => [new URL(p.url).pathname + new URL(p.url).search, p]));
    // Fragments dropped and duplicates removed; off-site and mailto links not followed.
    expect([...byPath.keys()].filter((k) => k.startsWith("/about")).sort()).toEqual([
      "/about",
      "/about/team",
    ]);
    expect(pages.some((p) => p.url.includes("elsewhere"))).toBe(false);
    // robots.txt
    expect(byPath.has("/private/secret")).toBe(false);
    // depth limit: /about/team/deeper is at depth 3
    expect(byPath.has("/about/team/deeper")).toBe(false);
    expect(byPath.get("/")).toMatchObject({ httpStatus: 200, title: "Home", depth: 0 });
    expect(byPath.get("/")?.text).toContain("Welcome to version one.");
    expect(byPath.get("/")?.text).not.toContain("hidden");
    expect(byPath.get("/missing")).toMatchObject({ httpStatus: 404, error: "HTTP 404" });
    expect(byPath.get("/broken")).toMatchObject({ httpStatus: 500, error: "HTTP 500" });
    expect(byPath.get("/slow")).toMatchObject({ httpStatus: null });
    expect(byPath.get("/slow")?.error).toMatch(/Timed out after 1000 ms/);
    expect(byPath.get("/logo.png")).toMatchObject({ httpStatus: 200, contentType: "image/png" });
    expect(byPath.get("/logo.png")?.text).toBeNull();
    expect(byPath.get("/redirect-me")).toMatchObject({ httpStatus: 200, title: "Blog" });
    expect(byPath.get("/loop/0")?.error).toMatch(/Too many redirects/);
    expect(byPath.get("/huge")?.error).toMatch(/size cap/);
    expect(byPath.get("/")?.links).toContain(`${site.url}/about`);
  });

  it("stops at the page limit and reports progress", async () => {
    const progress: { done: number; planned: number }[] = [];
    const pages = await crawl(fetcher(), settings({ maxPages: 3 }), {
      onProgress: (p) => progress.push(p),
    });
    expect(pages).toHaveLength(3);
    expect(progress.at(-1)).toEqual({ done: 3, planned: 3 });
  });

  it("honours include and exclude patterns", async () => {
    const pages = await crawl(
      fetcher(),
      settings({ includePatterns: ["/about*"], excludePatterns: ["/about/team"] }),
    );
    expect(pages.map((p) => new URL(p.url).pathname).sort()).toEqual(["/", "/about"]);
  });

  it("crawls a 300-page site within its limit", async () => {
    const tree = await startSiteServer(treeSite(300));
    try {
      const pages = await crawl(fetcher(), {
        ...settings(),
        startUrl: `${tree.url}/`,
        maxPages: 200,
        maxDepth: 10,
      });
      expect(pages).toHaveLength(200);
      expect(new Set(pages.map((p) => p.url)).size).toBe(200);
      // Breadth-first: the 200 pages are the shallowest ones.
      expect(Math.max(...pages.map((p) => p.depth))).toBe(7);
    } finally {
      await tree.close();
    }
  });

  it("refuses loopback, private and metadata addresses without the opt-in", async () => {
    const guarded = createHttpFetcher({ allowPrivateNetworks: false });
    for (const url of [
      `${site.url}/`,
      "http://localhost/",
      "http://10.1.2.3/",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::1]/",
      "http://[::ffff:127.0.0.1]/",
    ]) {
      await expect(crawl(guarded, { ...settings(), startUrl: url })).rejects.toThrow(
        /SSRF protection/,
      );
    }
    // Names are checked after DNS resolution: localhost resolves to a loopback address.
    await expect(guarded(`http://localhost:${site.port}/`, { timeoutMs: 1000 })).rejects.toThrow(
      /Refused to crawl localhost \(.+\): loopback/,
    );
    await expect(
      crawl(guarded, { ...settings(), startUrl: `${site.url}/` }),
    ).rejects.toBeInstanceOf(CrawlError);
  });

  it("refuses a redirect into a private address", async () => {
    // The first hop's host is exempt (it stands in for a public site); its redirect points at
    // a name that resolves to loopback, which must be refused on that hop.
    const redirector = await startSiteServer(() => ({
      redirect: `http://localhost:${site.port}/`,
    }));
    try {
      const guarded = createHttpFetcher({ allowPrivateNetworks: false, allowHosts: ["127.0.0.1"] });
      expect((await guarded(`${site.url}/about`, { timeoutMs: 1000 })).status).toBe(200);
      await expect(guarded(`${redirector.url}/`, { timeoutMs: 1000 })).rejects.toThrow(
        /SSRF protection/,
      );
      expect(site.hits.get("/")).toBeGreaterThan(0);
      const before = site.hits.get("/") ?? 0;
      await guarded(`${redirector.url}/`, { timeoutMs: 1000 }).catch(() => null);
      expect(site.hits.get("/") ?? 0).toBe(before);
    } finally {
      await redirector.close();
    }
  });

  it("diffs two versions of the site", async () => {
    version = 1;
    const before = await crawl(fetcher(), settings({ maxDepth: 1 }));
    version = 2;
    const after = await crawl(fetcher(), settings({ maxDepth: 1 }));
    const baseline = before.map((p) => ({
      url: p.url,
      httpStatus: p.httpStatus,
      textHash: p.textHash,
      text: p.text,
      title: p.title,
      contentType: p.contentType,
    }));
    const { pages, summary } = diffPages(after, baseline);
    const byPath = new Map(pages.map((p) => [new URL(p.url).pathname, p]));
    expect(byPath.get("/new")?.change).toBe("added");
    expect(byPath.get("/old")?.change).toBe("removed");
    expect(byPath.get("/")?.change).toBe("changed");
    expect(byPath.get("/")?.diff).toContain("-Welcome to version one.");
    expect(byPath.get("/")?.diff).toContain("+Welcome to version two.");
    expect(byPath.get("/")?.diff).not.toContain("No newline");
    expect(byPath.get("/")?.diff).not.toContain("-Stable text.");
    expect(byPath.get("/logo.png")?.change).toBe("changed");
    expect(byPath.get("/about")?.change).toBe("unchanged");
    expect(summary).toMatchObject({ added: 1, removed: 1 });
    expect(summary.changed).toBeGreaterThanOrEqual(2);
    expect(diffPages(after, null).summary).toEqual({
      added: 0,
      removed: 0,
      changed: 0,
      unchanged: after.filter((p) => !isFailedPage(p)).length,
      failed: after.filter(isFailedPage).length,
    });
    version = 1;
  });

  it("classifies a page whose fetch failed as error, never unchanged or removed", () => {
    const ok: CrawledPage = {
      url: "https://x.test/",
      depth: 0,
      httpStatus: 200,
      contentType: "text/html",
      title: "Home",
      text: "Hello",
      textHash: "h1",
      links: [],
      durationMs: 5,
      error: null,
    };
    const timedOut = { ...ok, url: "https://x.test/slow", httpStatus: null, text: null };
    const failed = { ...timedOut, textHash: null, error: "Timed out after 1000 ms" };
    const notFound = { ...ok, url: "https://x.test/gone", httpStatus: 404, error: "HTTP 404" };
    const base = (p: CrawledPage, change?: "error") => ({
      url: p.url,
      httpStatus: p.httpStatus,
      textHash: p.textHash,
      text: p.text,
      title: p.title,
      contentType: p.contentType,
      change,
    });
    // Baseline had the slow page fine; now it times out: error, not unchanged, not removed.
    const res = diffPages(
      [ok, failed, notFound],
      [
        base(ok),
        base({ ...ok, url: timedOut.url }),
        base({ ...notFound, httpStatus: 200, error: null }),
      ],
    );
    const by = new Map(res.pages.map((p) => [p.url, p.change]));
    expect(by.get("https://x.test/slow")).toBe("error");
    // An HTTP 404 is an answer: compared by status (200 → 404 is a change).
    expect(by.get("https://x.test/gone")).toBe("changed");
    expect(res.summary).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 1, failed: 1 });
    // As a first run (no baseline) the failed page is still an error.
    expect(diffPages([ok, failed], null).summary).toMatchObject({ unchanged: 1, failed: 1 });
    // A baseline page that had failed is neither "removed" when absent nor "unchanged" when back.
    const after = diffPages(
      [ok, { ...ok, url: timedOut.url }],
      [base(ok), base(failed, "error"), base({ ...ok, url: "https://x.test/e" }, "error")],
    );
    expect(after.pages.find((p) => p.url === timedOut.url)?.change).toBe("changed");
    expect(after.summary).toMatchObject({ removed: 0, changed: 1, unchanged: 1 });
  });
});
