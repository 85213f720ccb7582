import { Info } from "lucide-react";
import type { ReactNode } from "react";

/**
 * A column header with the rule behind its dates: a tooltip for the mouse (title) and the same
 * words for screen readers (visually hidden), from lib/billing/date-columns.ts.
 */
export function ColumnHint({ hint, children }: { hint: string; children: ReactNode }) {
  return (
    <span className="inline-flex items-center gap-1" title={hint} data-hint={hint}>
      {children}
      <Info className="size-3 text-zinc-400" aria-hidden />
      <span className="sr-only">({hint})</span>
    </span>
  );
}
