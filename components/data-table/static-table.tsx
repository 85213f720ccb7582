"use client";

// A table whose cells are already rendered (documentation, server-rendered lists without row
// actions): the data table with one column per heading, so it too reads as stacked cards on a
// phone. Server components can use it because no function crosses into the client.
import type { ReactNode } from "react";
import { ColumnHint } from "@/components/ui/column-hint";
import { dataColumns } from "./columns";
import { DataTable } from "./data-table";

type Row = { id: string; cells: ReactNode[] };
/** A heading, or one with the rule behind its values (a tooltip and screen-reader text). */
export type StaticHeading = string | { label: string; hint: string };
const col = dataColumns<Row>();

export function StaticTable({
  label,
  head,
  rows,
  rowTestId,
  bordered = true,
}: {
  label: string;
  head: StaticHeading[];
  rows: ReactNode[][];
  rowTestId?: string;
  /** Draw its own frame (docs); off inside a card. */
  bordered?: boolean;
}) {
  const columns = head.map((h, i) =>
    col.display({
      id: `c${i}`,
      header: typeof h === "string" ? h : () => <ColumnHint hint={h.hint}>{h.label}</ColumnHint>,
      meta: { primary: i === 0, label: typeof h === "string" ? h : h.label },
      cell: ({ row }) => row.original.cells[i],
    }),
  );
  const data = rows.map((cells, i) => ({ id: String(i), cells }));
  return (
    <div className={bordered ? "not-prose mt-4 rounded-lg border border-zinc-200" : undefined}>
      <DataTable
        label={label}
        columns={columns}
        data={data}
        getRowId={(r) => r.id}
        rowTestId={rowTestId}
      />
    </div>
  );
}
