import type { Metadata } from "next";
import { ScrollText } from "lucide-react";
import { DataTableFilters } from "@/components/data-table/filters";
import { DataTablePagination } from "@/components/data-table/pagination";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { auditEventName } from "@/lib/audit/event-names";
import { auditLogFilterOptions, auditLogQuery, listAuditLogPage } from "@/lib/audit/list-audit-log";
import { getDashboardContext } from "@/lib/teams/context";
import { SettingsNav } from "../_components/settings-nav";
import { AuditLogTable } from "./_components/audit-log-table";

export const metadata: Metadata = { title: "Audit log" };

const PATH = "/settings/audit-log";

export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { team } = await getDashboardContext(PATH);
  const query = auditLogQuery.parse(await searchParams);
  const [page, options] = await Promise.all([
    listAuditLogPage(team.id, query),
    auditLogFilterOptions(team.id),
  ]);
  const filters = {
    actor: query.actor ?? "",
    event: query.event ?? "",
    credential: query.credential ?? "",
  };
  const href = (cursor: Record<string, string>) => {
    const q = new URLSearchParams({ ...filters, ...cursor });
    for (const [k, v] of [...q.entries()]) if (!v) q.delete(k);
    return `${PATH}?${q.toString()}`;
  };
  const filtered = Object.values(filters).some(Boolean);
  return (
    <>
      <PageHeader
        title="Settings"
        description="Every change to members, sites and credentials, newest first."
      />
      <SettingsNav current={PATH} />
      {options.events.length === 0 ? (
        <EmptyState
          icon={<ScrollText className="size-8" aria-hidden />}
          title="Nothing recorded yet"
        >
          Member and credential changes will be listed here.
        </EmptyState>
      ) : (
        <Card>
          <AuditLogTable
            timeZone={team.timeZone}
            rows={page.items.map((e) => ({
              id: e.id,
              createdAt: e.createdAt.toISOString(),
              actorLabel: e.actorLabel,
              event: auditEventName(e.action),
              eventCode: e.action,
              target: e.target,
              ip: e.ip,
              userAgent: e.userAgent,
            }))}
            toolbar={
              <DataTableFilters
                action={PATH}
                clearHref={PATH}
                fields={[
                  {
                    name: "actor",
                    label: "Actor",
                    anyLabel: "Any actor",
                    value: filters.actor,
                    options: options.actors.map((a) => ({ value: a, label: a })),
                  },
                  {
                    name: "event",
                    label: "Event",
                    anyLabel: "Any event",
                    value: filters.event,
                    options: options.events.map((e) => ({ value: e, label: auditEventName(e) })),
                  },
                  {
                    name: "credential",
                    label: "Credential",
                    anyLabel: "Any credential",
                    value: filters.credential,
                    options: options.credentials,
                  },
                ]}
              />
            }
            empty={
              <EmptyState title={filtered ? "No entries match these filters" : "No entries"} />
            }
            footer={
              <DataTablePagination
                summary={`${page.items.length} entr${page.items.length === 1 ? "y" : "ies"} on this page`}
                prevLabel="← Newer"
                nextLabel="Older →"
                prevHref={page.newerCursor ? href({ before: page.newerCursor }) : undefined}
                nextHref={page.olderCursor ? href({ after: page.olderCursor }) : undefined}
              />
            }
          />
        </Card>
      )}
    </>
  );
}
