// The crawler: breadth-first from the start URL over same-origin links, within page and depth
// limits, with bounded parallelism, honouring robots.txt. The fetcher is passed in.
import robotsParser from "robots-parser";
import { extractPage, hashText, isHtml, normaliseUrl } from "@/lib/crawl/extract";
import { FetchError, ROBOTS_AGENT, type Fetcher } from "@/lib/crawl/fetcher";

export type CrawlSettings = {
  startUrl: string;
  maxPages: number;
  maxDepth: number;
  includePatterns: string[];
  excludePatterns: string[];
  requestTimeoutMs: number;
};

export type CrawledPage = {
  url: string;
  depth: number;
  httpStatus: number | null;
  contentType: string | null;
  title: string | null;
  text: string | null;
  textHash: string | null;
  links: string[];
  durationMs: number;
  error: string | null;
};

export type CrawlHooks = {
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; planned: number }) => void;
  /** Each page as soon as it is fetched (customer agents upload them in batches meanwhile). */
  onPage?: (page: CrawledPage) => void;
  onLog?: (level: "info" | "warn", message: string) => void;
};

/** A crawl that could not start (the start URL refused, blocked or disallowed). */
export class CrawlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CrawlError";
  }
}

const MAX_STORED_TEXT = 200_000;
const MAX_LINKS = 500;

/** Turns "/blog/*" into a matcher for a URL's path and query. */
export function patternMatcher(pattern: string): (pathAndQuery: string) => boolean {
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  const re = new RegExp(`^${source}${pattern.endsWith("*") ? "" : "(?:[?#].*)?$"}`);
  return (p) => re.test(p);
}

export async function crawl(
  fetcher: Fetcher,
  settings: CrawlSettings,
  hooks: CrawlHooks = {},
): Promise<CrawledPage[]> {
  const start = normaliseUrl(settings.startUrl, settings.startUrl);
  if (!start) throw new CrawlError("The start URL is not an http(s) URL.");
  const origin = new URL(start).origin;
  const include = settings.includePatterns.map(patternMatcher);
  const exclude = settings.excludePatterns.map(patternMatcher);
  const concurrency = Math.max(1, hooks.concurrency ?? 6);
  const log = hooks.onLog ?? (() => {});

  const robots = await loadRobots(fetcher, origin, settings.requestTimeoutMs, hooks.signal);
  if (robots && robots.isAllowed(start, ROBOTS_AGENT) === false)
    throw new CrawlError(
      `robots.txt on ${origin} disallows crawling ${start} for ${ROBOTS_AGENT}.`,
    );

  const seen = new Set<string>([start]);
  const queue: { url: string; depth: number }[] = [{ url: start, depth: 0 }];
  const pages: CrawledPage[] = [];
  let disallowed = 0;

  const wanted = (url: string) => {
    const u = new URL(url);
    if (u.origin !== origin) return false;
    const path = u.pathname + u.search;
    if (include.length && !include.some((m) => m(path))) return false;
    if (exclude.some((m) => m(path))) return false;
    if (robots && robots.isAllowed(url, ROBOTS_AGENT) === false) {
      disallowed++;
      return false;
    }
    return true;
  };
  const planned = () => Math.min(settings.maxPages, seen.size);

  const visit = async ({ url, depth }: { url: string; depth: number }) => {
    const page = await fetchPage(fetcher, url, depth, settings.requestTimeoutMs, hooks.signal);
    if (url === start && page.error && isBlocked(page.error)) throw new CrawlError(page.error);
    pages.push(page);
    hooks.onPage?.(page);
    if (depth < settings.maxDepth) {
      for (const link of page.links) {
        // The queue is first-in first-out, so URLs beyond the page limit would never be fetched.
        if (seen.size >= settings.maxPages) break;
        if (seen.has(link) || !wanted(link)) continue;
        seen.add(link);
        queue.push({ url: link, depth: depth + 1 });
      }
    }
    hooks.onProgress?.({ done: pages.length, planned: planned() });
  };

  let started = 0;
  const inflight = new Set<Promise<void>>();
  while (queue.length || inflight.size) {
    if (hooks.signal?.aborted) throw hooks.signal.reason ?? new Error("Crawl stopped");
    while (inflight.size < concurrency && queue.length && started < settings.maxPages) {
      const next = queue.shift();
      if (!next) break;
      started++;
      const p: Promise<void> = visit(next).finally(() => inflight.delete(p));
      inflight.add(p);
    }
    if (started >= settings.maxPages) queue.length = 0;
    if (inflight.size) await Promise.race(inflight);
  }
  if (hooks.signal?.aborted) throw hooks.signal.reason ?? new Error("Crawl stopped");
  if (disallowed) log("info", `Skipped ${disallowed} link(s) disallowed by robots.txt`);
  return pages;
}

function isBlocked(error: string) {
  return error.includes("SSRF protection");
}

async function loadRobots(
  fetcher: Fetcher,
  origin: string,
  timeoutMs: number,
  signal?: AbortSignal,
) {
  const robotsUrl = `${origin}/robots.txt`;
  try {
    const res = await fetcher(robotsUrl, { timeoutMs, signal });
    if (res.status >= 200 && res.status < 300) return robotsParser(robotsUrl, res.body);
    // 4xx: no rules, crawl everything (the common convention); 5xx: treated the same here.
    return null;
  } catch (error) {
    if (error instanceof Error && isBlocked(error.message)) throw new CrawlError(error.message);
    return null;
  }
}

async function fetchPage(
  fetcher: Fetcher,
  url: string,
  depth: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<CrawledPage> {
  const started = performance.now();
  const base = { url, depth, title: null, text: null, textHash: null, links: [] as string[] };
  try {
    const res = await fetcher(url, { timeoutMs, signal });
    const durationMs = Math.round(performance.now() - started);
    if (!isHtml(res.contentType)) {
      return {
        ...base,
        httpStatus: res.status,
        contentType: res.contentType,
        textHash: hashText(res.body),
        durationMs,
        error: null,
      };
    }
    const page = extractPage(res.body, res.url);
    return {
      ...base,
      httpStatus: res.status,
      contentType: res.contentType,
      title: page.title,
      text: page.text.slice(0, MAX_STORED_TEXT),
      textHash: hashText(page.text),
      links: page.links.slice(0, MAX_LINKS),
      durationMs,
      error: res.status >= 400 ? `HTTP ${res.status}` : null,
    };
  } catch (error) {
    if (signal?.aborted) throw signal.reason ?? error;
    const message =
      error instanceof FetchError || (error instanceof Error && isBlocked(error.message))
        ? error.message
        : error instanceof Error
          ? error.message
          : String(error);
    return {
      ...base,
      httpStatus: null,
      contentType: null,
      durationMs: Math.round(performance.now() - started),
      error: message,
    };
  }
}
