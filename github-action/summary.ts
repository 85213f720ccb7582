// What the Action writes for the workflow: step outputs ($GITHUB_OUTPUT) and the job summary
// ($GITHUB_STEP_SUMMARY, Markdown). Pure functions of the CLI's --json document.
import { randomBytes } from "node:crypto";
import type { TriggerResult } from "../cli/trigger";

export type CliErrorJson = {
  error: { code: string; message: string; exit_code: number; http_status: number | null };
};

const MAX_ROWS = 100;

const VERDICT: Record<TriggerResult["verdict"], string> = {
  started: "🚀 Run started",
  no_changes: "✅ No changes",
  changes: "⚠️ Changes found",
  failed: "❌ Run failed",
  cancelled: "❌ Run cancelled",
  timed_out: "⏱️ Timed out waiting for the run",
};

/** One `name<<delimiter` block per output, the multi-line-safe form GitHub documents. */
export function outputLines(outputs: Record<string, string>): string {
  return Object.entries(outputs)
    .map(([name, value]) => {
      const delimiter = `ghadelimiter_${randomBytes(12).toString("hex")}`;
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join("");
}

export function outputsOf(result: TriggerResult | CliErrorJson): Record<string, string> {
  if ("error" in result && !("run_id" in result)) {
    return { "run-id": "", "run-url": "", status: "error", "changed-pages": "[]" };
  }
  const r = result as TriggerResult;
  return {
    "run-id": r.run_id,
    "run-url": r.url,
    status: r.status,
    "changed-pages": JSON.stringify(
      r.changed_pages.map((p) => ({ url: p.url, change: p.change, title: p.title })),
    ),
  };
}

/** Markdown-safe text for a table cell or link label. */
function cell(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#|!]/g, (c) => `\\${c}`).replace(/\s+/g, " ");
}

/** A URL usable inside (…) of a Markdown link. */
function href(url: string): string {
  return /^https?:\/\//i.test(url) ? url.replace(/[()\s<>|]/g, encodeURIComponent) : "#";
}

export function summaryMarkdown(result: TriggerResult | CliErrorJson): string {
  if ("error" in result && !("run_id" in result)) {
    return `## Signal Diff: ❌ no run\n\n${cell(result.error.message)}\n\nExit code ${result.error.exit_code} (\`${cell(result.error.code)}\`).\n`;
  }
  const r = result as TriggerResult;
  const lines = [`## Signal Diff: ${VERDICT[r.verdict]}`, ""];
  const site = r.run?.site?.name;
  const facts = [
    site ? `**Site:** ${cell(site)}` : null,
    `**Status:** \`${r.status}\``,
    r.counts
      ? `**Pages:** ${r.counts.done} crawled · ${r.counts.changed} changed · ${r.counts.added} added · ${r.counts.removed} removed${r.counts.errored ? ` · ${r.counts.errored} could not be fetched` : ""}`
      : null,
  ].filter(Boolean);
  lines.push(facts.join(" — "), "");
  if (r.error) lines.push(`> ${cell(r.error)}`, "");
  if (r.changed_pages.length) {
    lines.push("| Change | Page | HTTP |", "| --- | --- | --- |");
    for (const p of r.changed_pages.slice(0, MAX_ROWS)) {
      const label = p.title ? `${cell(p.title)} — ${cell(p.url)}` : cell(p.url);
      const status =
        p.previous_status !== null && p.previous_status !== p.http_status
          ? `${p.previous_status} → ${p.http_status ?? "–"}`
          : String(p.http_status ?? "–");
      lines.push(`| ${p.change} | [${label}](${href(p.url)}) | ${status} |`);
    }
    if (r.changed_pages.length > MAX_ROWS) {
      lines.push("", `…and ${r.changed_pages.length - MAX_ROWS} more pages: see the run.`);
    }
    lines.push("");
  } else if (r.verdict === "no_changes") {
    lines.push("No page changed since the previous successful run.", "");
  }
  lines.push(`[Open run ${cell(r.run_id)} in Signal Diff](${href(r.url)})`, "");
  return lines.join("\n");
}
