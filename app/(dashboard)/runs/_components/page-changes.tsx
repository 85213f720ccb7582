import { Badge } from "@/components/ui/badge";

export type PageChangeRow = {
  id: string;
  url: string;
  httpStatus: number | null;
  previousStatus: number | null;
  title: string | null;
  error: string | null;
  change: "added" | "removed" | "changed" | "unchanged" | "error" | null;
  diff: string | null;
  durationMs: number | null;
};

const TONE = {
  added: "green",
  removed: "red",
  changed: "amber",
  unchanged: "neutral",
  error: "red",
} as const;

function DiffView({ diff }: { diff: string }) {
  return (
    <pre className="mt-2 max-h-96 overflow-auto rounded-md bg-zinc-950 p-3 font-mono text-xs leading-5">
      {diff.split("\n").map((line, i) => (
        <div
          key={i}
          className={
            line.startsWith("+")
              ? "bg-emerald-950 text-emerald-300"
              : line.startsWith("-")
                ? "bg-red-950 text-red-300"
                : line.startsWith("@@")
                  ? "text-sky-400"
                  : "text-zinc-300"
          }
        >
          {line || " "}
        </div>
      ))}
    </pre>
  );
}

/** Pages of a run, changed first; each changed page expands to its text diff. */
export function PageChanges({ pages }: { pages: PageChangeRow[] }) {
  return (
    <ul className="divide-y divide-zinc-100" data-testid="page-changes">
      {pages.map((p) => {
        const statusChange =
          p.change === "changed" && p.previousStatus !== p.httpStatus
            ? `HTTP ${p.previousStatus ?? "error"} → ${p.httpStatus ?? "error"}`
            : null;
        const summary = (
          <div className="flex flex-wrap items-center gap-2">
            {p.change ? <Badge tone={TONE[p.change]}>{p.change}</Badge> : null}
            <span className="font-mono text-xs break-all text-zinc-900">{p.url}</span>
            {p.title ? <span className="text-xs text-zinc-500">— {p.title}</span> : null}
            {statusChange ? <Badge tone="red">{statusChange}</Badge> : null}
            {p.error ? <span className="text-xs text-red-700">{p.error}</span> : null}
            {p.httpStatus && !p.error ? (
              <span className="ml-auto text-xs text-zinc-400 tabular-nums">
                {p.httpStatus}
                {p.durationMs !== null ? ` · ${p.durationMs} ms` : ""}
              </span>
            ) : null}
          </div>
        );
        return (
          <li key={p.id} className="px-4 py-2.5 text-sm">
            {p.diff ? (
              <details open={p.change === "changed" && pages.length <= 20}>
                <summary className="cursor-pointer list-none">{summary}</summary>
                <DiffView diff={p.diff} />
              </details>
            ) : (
              summary
            )}
          </li>
        );
      })}
    </ul>
  );
}
