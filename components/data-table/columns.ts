// The column vocabulary every table in the app shares: TanStack's column helper with one meta type,
// so a column can say how it reads on a phone (stacked cards) as well as in the table.
import {
  createColumnHelper,
  metaHelper,
  tableFeatures,
  type ColumnDef,
  type RowData,
} from "@tanstack/react-table";

export type DataColumnMeta = {
  /** Label beside the value on a stacked card; defaults to the header when it is a string. */
  label?: string;
  /** The card's title on a phone: shown first, full width, without a label. */
  primary?: boolean;
  /** Left out of the stacked card (the value is repeated elsewhere or not needed on a phone). */
  hideOnCard?: boolean;
  /** Extra classes for the header and body cells (width, alignment). */
  className?: string;
};

export const dataTableFeatures = tableFeatures({ columnMeta: metaHelper<DataColumnMeta>() });
export type DataTableFeatures = typeof dataTableFeatures;

/** A column helper for rows of type TData, typed for the data table's features and meta. */
export function dataColumns<TData extends RowData>() {
  return createColumnHelper<DataTableFeatures, TData>();
}

// TanStack's own helper returns columns of mixed value types as `any` in this position.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DataColumns<TData extends RowData> = Array<ColumnDef<DataTableFeatures, TData, any>>;
