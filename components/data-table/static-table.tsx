"use client";

// A fixed table of text (documentation): the data table with one column per heading, so docs
// read as stacked cards on a phone like every other table.
import type { ReactNode } from "react";
import { dataColumns } from "./columns";
import { DataTable } from "./data-table";

type Row = { id: string; cells: ReactNode[] };
const col = dataColumns<Row>();

export function StaticTable({
  label,
  head,
  rows,
}: {
  label: string;
  head: string[];
  rows: ReactNode[][];
}) {
  const columns = head.map((h, i) =>
    col.display({
      id: `c${i}`,
      header: h,
      meta: { primary: i === 0 },
      cell: ({ row }) => row.original.cells[i],
    }),
  );
  const data = rows.map((cells, i) => ({ id: String(i), cells }));
  return (
    <div className="not-prose mt-4 rounded-lg border border-zinc-200">
      <DataTable label={label} columns={columns} data={data} getRowId={(r) => r.id} />
    </div>
  );
}
