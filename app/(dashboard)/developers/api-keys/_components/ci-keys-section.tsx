"use client";

// CI API keys: the server-paged, server-sorted table; its row actions live in ci-key-actions.tsx.
import {
  createColumnHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown, KeyRound } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { ColumnHint } from "@/components/billing/column-hint";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { DATE_COLUMN_HINTS } from "@/lib/billing/date-columns";
import { formatDate, formatDateTime } from "@/lib/format";
import type { RevealedCiKey } from "../actions";
import { CreateKeyRow, KeyActions } from "./ci-key-actions";
import { CiKeyReveal } from "./reveal-banner";

export type CiKeyRowView = {
  id: string;
  label: string;
  prefix: string;
  status: "active" | "trialing" | "expired" | "revoked";
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  trialEndsAt: string | null;
};

export type SortField = "label" | "createdAt" | "lastUsedAt" | "expiresAt";

const STATUS: Record<
  CiKeyRowView["status"],
  { label: string; tone: "green" | "blue" | "amber" | "red" }
> = {
  active: { label: "Active", tone: "green" },
  trialing: { label: "Trialing", tone: "blue" },
  expired: { label: "Expired", tone: "amber" },
  revoked: { label: "Revoked", tone: "red" },
};

const features = tableFeatures({ rowSortingFeature, rowPaginationFeature });
const col = createColumnHelper<typeof features, CiKeyRowView>();

function SortHeader({
  label,
  field,
  sort,
  dir,
  onSort,
}: {
  label: string;
  field: SortField;
  sort: SortField;
  dir: "asc" | "desc";
  onSort: (f: SortField) => void;
}) {
  const active = sort === field;
  const Icon = !active ? ArrowUpDown : dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <button
      type="button"
      onClick={() => onSort(field)}
      className="inline-flex items-center gap-1 uppercase hover:text-zinc-900"
    >
      {label}
      <Icon className="size-3" aria-hidden />
    </button>
  );
}

export function CiKeysSection({
  teamId,
  canManage,
  timeZone,
  rows,
  total,
  page,
  pageCount,
  sort,
  dir,
  pendingSubscriptions,
}: {
  teamId: string;
  canManage: boolean;
  timeZone: string;
  rows: CiKeyRowView[];
  total: number;
  page: number;
  pageCount: number;
  sort: SortField;
  dir: "asc" | "desc";
  pendingSubscriptions: {
    id: string;
    status: string;
    createdAt: string;
    expiresAt: string | null;
  }[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [navigating, startTransition] = useTransition();
  const [revealed, setRevealed] = useState<RevealedCiKey | null>(null);

  function go(next: Record<string, string>) {
    const q = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(next)) q.set(k, v);
    q.delete("checkout_session_id");
    startTransition(() => router.push(`${pathname}?${q.toString()}`, { scroll: false }));
  }
  const onSort = (field: SortField) =>
    go({
      sort: field,
      dir:
        sort === field && dir === "asc"
          ? "desc"
          : sort === field
            ? "asc"
            : field === "label"
              ? "asc"
              : "desc",
      page: "1",
    });

  const date = (v: string | null, withTime = false) =>
    v ? (withTime ? formatDateTime(v, timeZone) : formatDate(v, timeZone)) : "—";

  const columns = useMemo(
    () =>
      col.columns([
        col.accessor("label", {
          header: () => (
            <SortHeader label="Label" field="label" sort={sort} dir={dir} onSort={onSort} />
          ),
          cell: (info) => <span className="font-medium text-zinc-900">{info.getValue()}</span>,
        }),
        col.accessor("prefix", {
          header: "Key",
          cell: (info) => (
            <code className="font-mono text-xs text-zinc-700">{info.getValue()}…</code>
          ),
        }),
        col.accessor("status", {
          header: "Status",
          cell: (info) => (
            <Badge tone={STATUS[info.getValue()].tone}>{STATUS[info.getValue()].label}</Badge>
          ),
        }),
        col.accessor("createdAt", {
          header: () => (
            <SortHeader label="Created" field="createdAt" sort={sort} dir={dir} onSort={onSort} />
          ),
          cell: (info) => date(info.getValue()),
        }),
        col.accessor("lastUsedAt", {
          header: () => (
            <SortHeader
              label="Last used"
              field="lastUsedAt"
              sort={sort}
              dir={dir}
              onSort={onSort}
            />
          ),
          cell: (info) => (info.getValue() ? date(info.getValue(), true) : "Never"),
        }),
        col.accessor("expiresAt", {
          header: () => (
            <ColumnHint hint={DATE_COLUMN_HINTS.expires}>
              <SortHeader label="Expires" field="expiresAt" sort={sort} dir={dir} onSort={onSort} />
            </ColumnHint>
          ),
          cell: (info) => date(info.getValue()),
        }),
        col.accessor("trialEndsAt", {
          header: () => <ColumnHint hint={DATE_COLUMN_HINTS.trialEnds}>Trial ends</ColumnHint>,
          cell: (info) => date(info.getValue()),
        }),
        col.display({
          id: "actions",
          header: () => <span className="sr-only">Actions</span>,
          cell: (info) =>
            canManage ? (
              <KeyActions teamId={teamId} row={info.row.original} onRevealed={setRevealed} />
            ) : null,
        }),
      ]),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [sort, dir, canManage, teamId, timeZone],
  );

  const table = useTable({
    features,
    columns,
    data: rows,
    manualSorting: true,
    manualPagination: true,
    rowCount: total,
    state: {
      sorting: [{ id: sort, desc: dir === "desc" }],
      pagination: { pageIndex: page - 1, pageSize: 10 },
    },
  });

  return (
    <>
      {revealed ? (
        <CiKeyReveal secret={revealed.secret} onDismiss={() => setRevealed(null)} />
      ) : null}
      {canManage && pendingSubscriptions.length > 0 ? (
        <Card className="mb-4">
          <CardHeader
            title="Subscription without a key"
            description="A paid subscription has no CI API key yet (for example, the tab was closed during checkout). Create it now; the secret is shown once."
          />
          <CardBody className="space-y-2">
            {pendingSubscriptions.map((s) => (
              <CreateKeyRow
                key={s.id}
                teamId={teamId}
                sub={s}
                timeZone={timeZone}
                onRevealed={setRevealed}
              />
            ))}
          </CardBody>
        </Card>
      ) : null}
      <Card>
        <CardHeader
          title="CI API keys"
          description="One key per paid subscription. Use it in the x-ci-api-key header for POST /api/trigger/ci and the Agent API."
          actions={
            <ButtonLink href="/pricing" variant="secondary" size="sm">
              Add a subscription
            </ButtonLink>
          }
        />
        {rows.length === 0 && total === 0 ? (
          <CardBody>
            <EmptyState
              icon={<KeyRound className="size-8" aria-hidden />}
              title="No CI API keys"
              action={<ButtonLink href="/pricing">See plans</ButtonLink>}
            >
              A CI API key comes with a paid plan bought from Pricing. Its secret is shown exactly
              once, right after checkout.
            </EmptyState>
          </CardBody>
        ) : (
          <div className="overflow-x-auto" aria-busy={navigating}>
            <table className="w-full text-sm" data-testid="ci-keys-table">
              <thead className="bg-zinc-50 text-left text-xs text-zinc-500 uppercase">
                {table.getHeaderGroups().map((hg) => (
                  <tr key={hg.id}>
                    {hg.headers.map((h) => {
                      const field = h.column.id as SortField;
                      const sorted =
                        sort === field ? (dir === "asc" ? "ascending" : "descending") : undefined;
                      return (
                        <th
                          key={h.id}
                          scope="col"
                          aria-sort={sorted}
                          className="px-4 py-2 font-medium"
                        >
                          <table.FlexRender header={h} />
                        </th>
                      );
                    })}
                  </tr>
                ))}
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {table.getRowModel().rows.map((row) => (
                  <tr key={row.id} data-testid="ci-key-row">
                    {row.getAllCells().map((cell) => (
                      <td key={cell.id} className="px-4 py-2 whitespace-nowrap text-zinc-700">
                        <table.FlexRender cell={cell} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="flex items-center justify-between border-t border-zinc-200 px-4 py-2 text-sm text-zinc-600">
              <span>
                Page {page} of {pageCount} · {total} key{total === 1 ? "" : "s"}
              </span>
              <div className="flex gap-2">
                <Button
                  variant="secondary"
                  size="sm"
                  disabled={page <= 1 || navigating}
                  onClick={() => go({ page: String(page - 1) })}
                >
                  Previous
                </Button>
                <Button
                  variant="secondary"
                  size="sm"
                  disabled={page >= pageCount || navigating}
                  onClick={() => go({ page: String(page + 1) })}
                >
                  Next
                </Button>
              </div>
            </div>
          </div>
        )}
      </Card>
    </>
  );
}
