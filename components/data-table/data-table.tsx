"use client";

// The one data table: TanStack Table renders the columns; rows, sorting, filters and pages come
// from the server. At ≥ 640 px it is a table whose action column stays in view; below that each
// row becomes a stacked card (label beside value, actions in a wrapping row at the foot) so every
// action is reachable without horizontal scrolling.
import { useTable, type RowData } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { dataTableFeatures, type DataColumnMeta, type DataColumns } from "./columns";

export type DataTableProps<TData extends RowData> = {
  columns: DataColumns<TData>;
  data: TData[];
  getRowId: (row: TData) => string;
  /** What the table lists, for screen readers ("CI API keys"). */
  label: string;
  /** Buttons for one row: a trailing column in the table, a footer on a card. */
  rowActions?: (row: TData) => ReactNode;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  /** Filters above the table. */
  toolbar?: ReactNode;
  /** Paging below the table (see DataTablePagination). */
  footer?: ReactNode;
  /** The server's current sort, announced on the matching header. */
  sort?: { id: string; dir: "asc" | "desc" };
  busy?: boolean;
  testId?: string;
  rowTestId?: string;
  className?: string;
};

/**
 * Renders a header or cell template by calling it. TanStack's FlexRender mounts a function
 * template as a component; column definitions written inline are new functions on every render,
 * so each render would remount every cell and drop its state (a role form's "Role updated.").
 * Templates here are plain render functions and use no hooks.
 */
function renderTemplate<TProps>(template: unknown, props: TProps): ReactNode {
  if (typeof template === "function") return (template as (p: TProps) => ReactNode)(props);
  return template as ReactNode;
}

function cardLabel(meta: DataColumnMeta | undefined, header: unknown) {
  return meta?.label ?? (typeof header === "string" ? header : undefined);
}

export function DataTable<TData extends RowData>({
  columns,
  data,
  getRowId,
  label,
  rowActions,
  empty,
  toolbar,
  footer,
  sort,
  busy,
  testId,
  rowTestId,
  className,
}: DataTableProps<TData>) {
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId: (row) => getRowId(row),
  });
  const rows = table.getRowModel().rows;
  return (
    <div className={cn("min-w-0", className)} data-data-table>
      {toolbar ? <div className="border-b border-zinc-200 px-4 py-3">{toolbar}</div> : null}
      {rows.length === 0 && empty ? (
        <div className="p-4">{empty}</div>
      ) : (
        <div className="sm:overflow-x-auto" aria-busy={busy || undefined}>
          <table className="w-full text-sm max-sm:block" aria-label={label} data-testid={testId}>
            <thead className="border-b border-zinc-200 bg-zinc-50 text-left text-xs font-medium text-zinc-500 uppercase max-sm:hidden">
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={
                        sort?.id === header.column.id
                          ? sort.dir === "asc"
                            ? "ascending"
                            : "descending"
                          : undefined
                      }
                      className={cn(
                        "px-3 py-2 font-medium whitespace-nowrap first:pl-4 last:pr-4",
                        header.column.columnDef.meta?.className,
                      )}
                    >
                      {renderTemplate(header.column.columnDef.header, header.getContext())}
                    </th>
                  ))}
                  {rowActions ? (
                    <th scope="col" className="sticky right-0 w-px bg-zinc-50 px-4 py-2">
                      <span className="sr-only">Actions</span>
                    </th>
                  ) : null}
                </tr>
              ))}
            </thead>
            <tbody className="divide-y divide-zinc-100 max-sm:block max-sm:space-y-3 max-sm:divide-y-0 max-sm:p-3">
              {rows.map((row) => {
                const actions = rowActions ? rowActions(row.original) : null;
                return (
                  <tr
                    key={row.id}
                    data-testid={rowTestId}
                    className="align-top max-sm:block max-sm:rounded-lg max-sm:border max-sm:border-zinc-200 max-sm:p-3"
                  >
                    {row.getAllCells().map((cell) => {
                      const meta = cell.column.columnDef.meta;
                      const name = cardLabel(meta, cell.column.columnDef.header);
                      return (
                        <td
                          key={cell.id}
                          className={cn(
                            "px-3 py-2.5 text-zinc-700 first:pl-4 last:pr-4 max-sm:px-0 max-sm:py-1 max-sm:first:pl-0 max-sm:last:pr-0",
                            meta?.primary
                              ? "max-sm:block max-sm:pb-2 max-sm:text-base"
                              : "max-sm:flex max-sm:items-start max-sm:justify-between max-sm:gap-4",
                            meta?.hideOnCard && "max-sm:hidden",
                            meta?.className,
                          )}
                        >
                          {!meta?.primary && name ? (
                            // On a card the cell loses its column header, so it carries its own
                            // label (read by screen readers too; display:none above 640 px).
                            <span className="shrink-0 text-xs text-zinc-500 sm:hidden">{name}</span>
                          ) : null}
                          <div
                            className={cn(
                              "min-w-0 break-words",
                              !meta?.primary && "max-sm:text-right",
                            )}
                          >
                            {renderTemplate(cell.column.columnDef.cell, cell.getContext())}
                          </div>
                        </td>
                      );
                    })}
                    {rowActions ? (
                      <td
                        className={cn(
                          "sticky right-0 bg-white px-4 py-2 text-right has-[[aria-expanded=true]]:z-30 whitespace-nowrap max-sm:static max-sm:mt-2 max-sm:block max-sm:border-t max-sm:border-zinc-100 max-sm:px-0 max-sm:pt-3 max-sm:pb-0 max-sm:text-left max-sm:whitespace-normal",
                          // A card with no actions for this row gets no empty footer.
                          actions == null && "max-sm:hidden",
                        )}
                        data-row-actions
                      >
                        <div className="flex items-center justify-end gap-1 max-sm:flex-wrap max-sm:justify-start max-sm:gap-2">
                          {actions}
                        </div>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {footer}
    </div>
  );
}
