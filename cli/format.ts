// Human-readable output: the verdict, changed pages, and tables of runs and sites.
import type { TriggerResult } from "./trigger";
import { changeCount, type ChangedPage, type Run, type RunDetail } from "./run-view";

const VERDICT_TEXT: Record<TriggerResult["verdict"], string> = {
  started: "Started",
  no_changes: "No changes",
  changes: "Changes found",
  failed: "Run failed",
  cancelled: "Run cancelled",
  timed_out: "Timed out waiting",
};

export function verdictTitle(result: Pick<TriggerResult, "verdict" | "counts">): string {
  const base = VERDICT_TEXT[result.verdict];
  const c = result.counts;
  if (!c || (result.verdict !== "changes" && result.verdict !== "no_changes")) return base;
  const changed = c.changed + c.added + c.removed;
  return result.verdict === "changes"
    ? `${base}: ${c.changed} changed, ${c.added} added, ${c.removed} removed (${c.done} pages crawled)`
    : `${base}: ${c.done} pages crawled, ${changed} changed`;
}

export function pageLines(pages: ChangedPage[]): string[] {
  const width = Math.max(0, ...pages.map((p) => p.change.length));
  return pages.map((p) => {
    const status =
      p.previous_status !== null && p.http_status !== p.previous_status
        ? ` [${p.previous_status ?? "–"} → ${p.http_status ?? "–"}]`
        : "";
    return `  ${p.change.padEnd(width)}  ${p.url}${p.title ? `  (${p.title})` : ""}${status}`;
  });
}

export function triggerLines(result: TriggerResult): string[] {
  if (result.verdict === "started") {
    return [`Run ${result.run_id} queued: ${result.url}`];
  }
  const lines = [`${verdictTitle(result)}.`];
  if (result.error) lines.push(`  ${result.error}`);
  if (result.counts && result.counts.errored > 0) {
    lines.push(`  ${result.counts.errored} page(s) could not be fetched and were not compared.`);
  }
  if (result.changed_pages.length) lines.push(...pageLines(result.changed_pages));
  lines.push(`Run: ${result.url}`);
  return lines;
}

export function runLines(run: RunDetail, pages: ChangedPage[]): string[] {
  const c = run.counts;
  const meta = [
    run.commit_sha && `commit ${run.commit_sha.slice(0, 12)}`,
    run.branch && `branch ${run.branch}`,
    run.repository,
  ].filter(Boolean);
  return [
    `Run ${run.id} — ${run.status}`,
    `  site      ${run.site?.name ?? run.site_id} (${run.site_id})`,
    `  source    ${run.source} · ${run.execution_mode}${meta.length ? ` · ${meta.join(" · ")}` : ""}`,
    `  pages     ${c.done}/${c.planned} done · ${c.changed} changed · ${c.added} added · ${c.removed} removed · ${c.errored} failed`,
    `  created   ${run.created_at}${run.finished_at ? ` · finished ${run.finished_at}` : ""}`,
    ...(run.error ? [`  error     ${run.error}`] : []),
    ...pageLines(pages),
    `  ${run.url}`,
  ];
}

/** Columns padded to their widest cell. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

export function runRows(runs: Run[]): string[] {
  return table(
    ["ID", "STATUS", "SITE", "PAGES", "CHANGES", "CREATED"],
    runs.map((r) => [
      r.id,
      r.status,
      r.site?.name ?? r.site_id,
      `${r.counts.done}/${r.counts.planned}`,
      String(changeCount(r)),
      r.created_at,
    ]),
  );
}
