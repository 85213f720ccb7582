// Compares a run's pages with the baseline run's: added, removed, changed (text or status) and
// unchanged pages, with a unified line diff of the normalised text for changed pages. A page whose
// fetch failed (no response: timeout, network error, size cap) is "error": it has nothing to
// compare, so it is never reported as unchanged, and it never hides a baseline page as removed.
import { createTwoFilesPatch } from "diff";
import type { CrawledPage } from "@/lib/crawl/crawl";

export type BaselinePage = {
  url: string;
  httpStatus: number | null;
  textHash: string | null;
  text: string | null;
  title: string | null;
  contentType: string | null;
  /** The baseline run could not fetch this page either: its text is no reference. */
  change?: PageChange | null;
};

export type PageChange = "added" | "removed" | "changed" | "unchanged" | "error";

export type DiffedPage = Omit<CrawledPage, "depth" | "durationMs"> & {
  depth: number;
  durationMs: number | null;
  change: PageChange;
  previousStatus: number | null;
  diff: string | null;
};

export type DiffSummary = {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  /** Pages whose fetch failed in this run. */
  failed: number;
};

/**
 * A page failed when no response arrived (timeout, network error, redirect loop, size cap, SSRF
 * block). An HTTP 404 or 500 is an answer: it is compared by status like any other page.
 */
export function isFailedPage(page: { httpStatus: number | null; error: string | null }): boolean {
  return page.httpStatus === null && page.error !== null;
}

const MAX_DIFF = 100_000;

/** A readable unified diff of two texts (hunks only, no file headers). */
export function textDiff(before: string, after: string): string {
  // Normalised text has no trailing newline; add one to both sides so the last line diffs as a
  // line and no "\ No newline at end of file" markers appear.
  const eol = (t: string) => (t && !t.endsWith("\n") ? `${t}\n` : t);
  const patch = createTwoFilesPatch("before", "after", eol(before), eol(after), "", "", {
    context: 3,
  });
  const hunks = patch
    .split("\n")
    .slice(4)
    .filter((line) => !line.startsWith("\\"))
    .join("\n")
    .trimEnd();
  return hunks.length > MAX_DIFF ? `${hunks.slice(0, MAX_DIFF)}\n… (diff truncated)` : hunks;
}

/** With no baseline (the site's first run), every page is recorded as the baseline: no changes. */
export function diffPages(
  current: CrawledPage[],
  baseline: BaselinePage[] | null,
): { pages: DiffedPage[]; summary: DiffSummary } {
  const summary: DiffSummary = { added: 0, removed: 0, changed: 0, unchanged: 0, failed: 0 };
  if (!baseline) {
    const pages = current.map((p): DiffedPage => {
      const failed = isFailedPage(p);
      if (failed) summary.failed++;
      else summary.unchanged++;
      return { ...p, change: failed ? "error" : "unchanged", previousStatus: null, diff: null };
    });
    return { pages, summary };
  }
  const before = new Map(baseline.map((p) => [p.url, p]));
  const pages: DiffedPage[] = current.map((page) => {
    const prev = before.get(page.url);
    before.delete(page.url);
    if (isFailedPage(page)) {
      summary.failed++;
      return { ...page, change: "error", previousStatus: prev?.httpStatus ?? null, diff: null };
    }
    if (prev?.change === "error") {
      // The baseline has no content for this page; it is back, so say so without a text diff.
      summary.changed++;
      return { ...page, change: "changed", previousStatus: null, diff: null };
    }
    if (!prev) {
      summary.added++;
      return { ...page, change: "added", previousStatus: null, diff: null };
    }
    const statusChanged = prev.httpStatus !== page.httpStatus;
    const textChanged = prev.textHash !== page.textHash;
    if (!statusChanged && !textChanged) {
      summary.unchanged++;
      return { ...page, change: "unchanged", previousStatus: prev.httpStatus, diff: null };
    }
    summary.changed++;
    const diff =
      textChanged && (prev.text !== null || page.text !== null)
        ? textDiff(prev.text ?? "", page.text ?? "")
        : null;
    return { ...page, change: "changed", previousStatus: prev.httpStatus, diff };
  });
  for (const gone of before.values()) {
    // A page the baseline failed to fetch was never known to exist: it cannot be "removed".
    if (gone.change === "error") continue;
    summary.removed++;
    pages.push({
      url: gone.url,
      depth: 0,
      httpStatus: null,
      contentType: gone.contentType,
      title: gone.title,
      text: null,
      textHash: null,
      links: [],
      durationMs: null,
      error: null,
      change: "removed",
      previousStatus: gone.httpStatus,
      diff: gone.text ? textDiff(gone.text, "") : null,
    });
  }
  return { pages, summary };
}
