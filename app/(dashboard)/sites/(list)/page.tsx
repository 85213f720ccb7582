import type { Metadata } from "next";
import { Globe, Plus } from "lucide-react";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { describeSchedule } from "@/lib/schedules/schedule";
import { listSites } from "@/lib/sites/sites";
import { getDashboardContext } from "@/lib/teams/context";
import { SitesTable } from "../_components/sites-table";

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
        <Card>
          <SitesTable
            teamId={team.id}
            timeZone={team.timeZone}
            canRun={can("member")}
            rows={items.map((site) => ({
              id: site.id,
              name: site.name,
              startUrl: site.startUrl,
              lastRun: site.lastRun
                ? {
                    id: site.lastRun.id,
                    status: site.lastRun.status,
                    createdAt: site.lastRun.createdAt.toISOString(),
                  }
                : null,
              recentChanges: site.recentChanges,
              schedule: describeSchedule({ kind: site.scheduleKind, cron: site.scheduleCron }),
            }))}
            firstHref={cursor ? "/sites" : undefined}
            nextHref={nextCursor ? `/sites?cursor=${encodeURIComponent(nextCursor)}` : undefined}
          />
        </Card>
      )}
    </>
  );
}
