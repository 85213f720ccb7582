"use client";

// Server-side filters above a data table: a GET form of selects, so the filtered list has a URL
// and works before JavaScript loads; with JavaScript a change applies at once.
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/form";

export type FilterField = {
  name: string;
  label: string;
  /** Text of the "no filter" option, e.g. "Any actor". */
  anyLabel: string;
  value: string;
  options: { value: string; label: string }[];
};

export function DataTableFilters({
  action,
  fields,
  clearHref,
  keep = {},
}: {
  action: string;
  fields: FilterField[];
  /** Link that drops every filter; shown when one is set. */
  clearHref: string;
  /** Other search params to keep (e.g. the sort). */
  keep?: Record<string, string>;
}) {
  const filtered = fields.some((f) => f.value !== "");
  return (
    <form
      method="get"
      action={action}
      className="flex flex-wrap items-end gap-2"
      role="search"
      aria-label="Filters"
    >
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((f) => (
        <label key={f.name} className="text-xs text-zinc-600 max-sm:w-full">
          {f.label}
          <Select
            name={f.name}
            defaultValue={f.value}
            className="mt-1 w-48 max-sm:w-full"
            onChange={(e) => e.currentTarget.form?.requestSubmit()}
          >
            <option value="">{f.anyLabel}</option>
            {f.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </label>
      ))}
      <Button type="submit" variant="secondary">
        Filter
      </Button>
      {filtered ? (
        <Link href={clearHref} className="px-2 py-2 text-sm text-zinc-600 hover:underline">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}
