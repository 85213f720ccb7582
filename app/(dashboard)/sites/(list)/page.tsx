import type { Metadata } from "next";
import { Globe, Plus } from "lucide-react";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/format";
import { describeSchedule } from "@/lib/schedules/schedule";
import { listSites } from "@/lib/sites/sites";
import { getDashboardContext } from "@/lib/teams/context";
import { RunStatusBadge } from "../../runs/_components/run-status";
import { RunNowButton } from "../_components/run-now-button";
import { Sparkline } from "../_components/sparkline";

export const metadata: Metadata = { title: "Sites" };

export default async function SitesPage({
  searchParams,
}: {
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { cursor } = await searchParams;
  const { team, can } = await getDashboardContext("/sites");
  const { items, nextCursor } = await listSites(team.id, { cursor, limit: 50 });
  const newButton = can("member") ? (
    <ButtonLink href="/sites/new">
      <Plus className="size-4" aria-hidden />
      New site
    </ButtonLink>
  ) : null;
  return (
    <>
      <PageHeader
        title="Sites"
        description="Websites Signal Diff crawls and compares around your deploys."
        actions={items.length ? newButton : null}
      />
      {items.length === 0 && !cursor ? (
        <EmptyState
          icon={<Globe className="size-8" aria-hidden />}
          title="No sites yet"
          action={newButton}
        >
          Add a site to crawl it, see what changed between runs, and schedule recurring checks.
        </EmptyState>
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="border-b border-zinc-200 bg-zinc-50 text-left text-xs font-medium text-zinc-600 uppercase">
              <tr>
                <th className="px-4 py-2">Site</th>
                <th className="px-4 py-2">Last run</th>
                <th className="px-4 py-2">Recent changes</th>
                <th className="px-4 py-2">Schedule</th>
                <th className="px-4 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {items.map((site) => (
                <tr key={site.id} className="align-middle">
                  <td className="px-4 py-3">
                    <Link
                      href={`/sites/${site.id}`}
                      className="font-medium text-zinc-900 hover:underline"
                    >
                      {site.name}
                    </Link>
                    <div className="max-w-xs truncate text-xs text-zinc-500">{site.startUrl}</div>
                  </td>
                  <td className="px-4 py-3">
                    {site.lastRun ? (
                      <Link href={`/runs/${site.lastRun.id}`} className="space-y-1 hover:underline">
                        <RunStatusBadge status={site.lastRun.status} />
                        <div className="text-xs text-zinc-500">
                          {formatDateTime(site.lastRun.createdAt, team.timeZone)}
                        </div>
                      </Link>
                    ) : (
                      <span className="text-xs text-zinc-400">Never run</span>
                    )}
                  </td>
                  <td className="px-4 py-3">
                    <Sparkline values={site.recentChanges} />
                  </td>
                  <td className="px-4 py-3 text-xs text-zinc-600">
                    {describeSchedule({ kind: site.scheduleKind, cron: site.scheduleCron })}
                  </td>
                  <td className="px-4 py-3 text-right">
                    {can("member") ? (
                      <RunNowButton teamId={team.id} siteId={site.id} size="sm" />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {nextCursor || cursor ? (
            <div className="flex justify-end gap-2 border-t border-zinc-200 px-4 py-2 text-sm">
              {cursor ? <Link href="/sites">First page</Link> : null}
              {nextCursor ? (
                <Link href={`/sites?cursor=${encodeURIComponent(nextCursor)}`}>Next page →</Link>
              ) : null}
            </div>
          ) : null}
        </Card>
      )}
    </>
  );
}
