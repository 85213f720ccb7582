import type { Metadata } from "next";
import { ScrollText } from "lucide-react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listAuditLog } from "@/lib/audit/record";
import { formatDateTime } from "@/lib/format";
import { getDashboardContext } from "@/lib/teams/context";
import { SettingsNav } from "../_components/settings-nav";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage() {
  const { team } = await getDashboardContext("/settings/audit-log");
  const entries = await listAuditLog(team.id);
  return (
    <>
      <PageHeader
        title="Settings"
        description="Every change to members and credentials, newest first."
      />
      <SettingsNav current="/settings/audit-log" />
      {entries.length === 0 ? (
        <EmptyState
          icon={<ScrollText className="size-8" aria-hidden />}
          title="Nothing recorded yet"
        >
          Member and credential changes will be listed here.
        </EmptyState>
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="bg-zinc-50 text-left text-xs text-zinc-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Time
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Actor
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Event
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  IP
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  User agent
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {entries.map((e) => (
                <tr key={e.id}>
                  <td className="px-4 py-2 whitespace-nowrap text-zinc-600">
                    {formatDateTime(e.createdAt, team.timeZone)}
                  </td>
                  <td className="px-4 py-2">{e.actorLabel}</td>
                  <td className="px-4 py-2 font-mono text-xs">{e.action}</td>
                  <td className="px-4 py-2 text-zinc-600">{e.ip ?? "—"}</td>
                  <td
                    className="max-w-64 truncate px-4 py-2 text-zinc-600"
                    title={e.userAgent ?? undefined}
                  >
                    {e.userAgent ?? "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}
