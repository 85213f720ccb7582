// The job summary and step outputs from the CLI's JSON: Markdown that page titles cannot break,
// links only to http(s) pages, a bounded table, and outputs in GitHub's multi-line-safe form.
import { describe, expect, it } from "vitest";
import type { TriggerResult } from "../cli/trigger";
import { outputLines, outputsOf, summaryMarkdown } from "./summary";

const base: TriggerResult = {
  run_id: "r1",
  url: "https://sd.example/runs/r1",
  status: "succeeded",
  verdict: "changes",
  exit_code: 0,
  counts: { planned: 2, done: 2, added: 0, removed: 0, changed: 1, unchanged: 1, errored: 0 },
  changed_pages: [],
  error: null,
  run: null,
};

const page = (url: string, title: string | null = null) => ({
  url,
  change: "changed" as const,
  title,
  http_status: 200,
  previous_status: 200,
});

describe("summaryMarkdown", () => {
  it("escapes titles and URLs so a page cannot break the table or inject links", () => {
    const md = summaryMarkdown({
      ...base,
      changed_pages: [
        page("https://www.example.com/a|b", "Price | [click](javascript:alert(1))"),
        page("javascript:alert(1)"),
      ],
    });
    const rows = md.split("\n").filter((l) => l.startsWith("| changed"));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toBe(
      "| changed | [Price \\| \\[click\\]\\(javascript:alert\\(1\\)\\) — https://www.example.com/a\\|b](https://www.example.com/a%7Cb) | 200 |",
    );
    // Only http(s) targets become links.
    expect(rows[1]).toContain("](#)");
    // Each row has exactly the table's 4 unescaped pipes.
    for (const row of rows) expect(row.replace(/\\\|/g, "").split("|")).toHaveLength(5);
  });

  it("bounds the table at 100 rows and points at the run for the rest", () => {
    const pages = Array.from({ length: 130 }, (_, i) => page(`https://www.example.com/${i}`));
    const md = summaryMarkdown({ ...base, changed_pages: pages });
    expect(md.split("\n").filter((l) => l.startsWith("| changed"))).toHaveLength(100);
    expect(md).toContain("…and 30 more pages: see the run.");
  });

  it("explains a refusal when no run started", () => {
    const md = summaryMarkdown({
      error: {
        code: "rate_limited",
        message: "3 of 3 crawls running.",
        exit_code: 4,
        http_status: 429,
      },
    });
    expect(md).toContain("## Signal Diff: ❌ no run");
    expect(md).toContain("Exit code 4 (`rate\\_limited`).");
  });
});

describe("outputs", () => {
  it("writes each output as a name<<delimiter block", () => {
    const text = outputLines(outputsOf({ ...base, changed_pages: [page("https://x.example/")] }));
    const blocks = [...text.matchAll(/^([\w-]+)<<(ghadelimiter_[0-9a-f]{24})\n([\s\S]*?)\n\2\n/gm)];
    expect(Object.fromEntries(blocks.map((m) => [m[1], m[3]]))).toEqual({
      "run-id": "r1",
      "run-url": "https://sd.example/runs/r1",
      status: "succeeded",
      "changed-pages": '[{"url":"https://x.example/","change":"changed","title":null}]',
    });
    expect(
      outputsOf({ error: { code: "x", message: "m", exit_code: 5, http_status: null } }),
    ).toEqual({
      "run-id": "",
      "run-url": "",
      status: "error",
      "changed-pages": "[]",
    });
  });
});
