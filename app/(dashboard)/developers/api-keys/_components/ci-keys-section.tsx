"use client";

// CI API keys: the server-paged, server-sorted table; its row actions live in ci-key-actions.tsx.
import { KeyRound } from "lucide-react";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";
import { dataColumns } from "@/components/data-table/columns";
import { DataTable } from "@/components/data-table/data-table";
import { DataTablePagination } from "@/components/data-table/pagination";
import { SortHeader } from "@/components/data-table/sort-header";
import { ColumnHint } from "@/components/ui/column-hint";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
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
  status: "active" | "trialing" | "leaked" | "expired" | "revoked";
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
  leaked: { label: "Leaked — rotate to restore", tone: "red" },
  expired: { label: "Expired", tone: "amber" },
  revoked: { label: "Revoked", tone: "red" },
};

const col = dataColumns<CiKeyRowView>();

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
  const pathname = usePathname();
  const params = useSearchParams();
  const [revealed, setRevealed] = useState<RevealedCiKey | null>(null);

  // Sorting and paging are links to this page with new search params (server-side).
  const hrefWith = (next: Record<string, string>) => {
    const q = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(next)) q.set(k, v);
    q.delete("checkout_session_id");
    return `${pathname}?${q.toString()}`;
  };
  const sortHeader = (label: string, field: SortField) => (
    <SortHeader
      label={label}
      active={sort === field}
      dir={dir}
      href={hrefWith({
        sort: field,
        dir: sort === field ? (dir === "asc" ? "desc" : "asc") : field === "label" ? "asc" : "desc",
        page: "1",
      })}
    />
  );
  const date = (v: string | null, withTime = false) =>
    v ? (withTime ? formatDateTime(v, timeZone) : formatDate(v, timeZone)) : "—";

  const columns = col.columns([
    col.accessor("label", {
      header: () => sortHeader("Label", "label"),
      meta: { primary: true, label: "Label" },
      // The key's display prefix sits under its label: one column fewer keeps the row's
      // actions inside the card at laptop widths.
      cell: ({ row: { original: k } }) => (
        <>
          <span className="font-medium break-words text-zinc-900">{k.label}</span>
          <code className="block font-mono text-xs text-zinc-500">{k.prefix}…</code>
        </>
      ),
    }),
    col.accessor("status", {
      header: "Status",
      cell: (info) => (
        <Badge tone={STATUS[info.getValue()].tone}>{STATUS[info.getValue()].label}</Badge>
      ),
    }),
    col.accessor("createdAt", {
      header: () => sortHeader("Created", "createdAt"),
      meta: { label: "Created" },
      cell: (info) => date(info.getValue()),
    }),
    col.accessor("lastUsedAt", {
      header: () => sortHeader("Last used", "lastUsedAt"),
      meta: { label: "Last used" },
      cell: (info) => (info.getValue() ? date(info.getValue(), true) : "Never"),
    }),
    col.accessor("expiresAt", {
      header: () => (
        <ColumnHint hint={DATE_COLUMN_HINTS.expires}>
          {sortHeader("Expires", "expiresAt")}
        </ColumnHint>
      ),
      meta: { label: "Expires" },
      cell: (info) => date(info.getValue()),
    }),
    col.accessor("trialEndsAt", {
      header: () => <ColumnHint hint={DATE_COLUMN_HINTS.trialEnds}>Trial ends</ColumnHint>,
      meta: { label: "Trial ends" },
      cell: (info) => date(info.getValue()),
    }),
  ]);

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
            canManage ? (
              <ButtonLink href="/pricing" variant="secondary" size="sm">
                Add a subscription
              </ButtonLink>
            ) : null
          }
        />
        {rows.length === 0 && total === 0 ? (
          <CardBody>
            <EmptyState
              icon={<KeyRound className="size-8" aria-hidden />}
              title="No CI API keys"
              action={canManage ? <ButtonLink href="/pricing">See plans</ButtonLink> : null}
            >
              A CI API key comes with a paid plan bought from Pricing. Its secret is shown exactly
              once, right after checkout.
            </EmptyState>
          </CardBody>
        ) : (
          <DataTable
            label="CI API keys"
            testId="ci-keys-table"
            rowTestId="ci-key-row"
            columns={columns}
            data={rows}
            getRowId={(r) => r.id}
            sort={{ id: sort, dir }}
            rowActions={
              canManage
                ? (row) => <KeyActions teamId={teamId} row={row} onRevealed={setRevealed} />
                : undefined
            }
            footer={
              <DataTablePagination
                summary={`Page ${page} of ${pageCount} · ${total} key${total === 1 ? "" : "s"}`}
                prevHref={page > 1 ? hrefWith({ page: String(page - 1) }) : undefined}
                nextHref={page < pageCount ? hrefWith({ page: String(page + 1) }) : undefined}
              />
            }
          />
        )}
      </Card>
    </>
  );
}
