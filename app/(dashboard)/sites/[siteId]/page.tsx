import type { Metadata } from "next";
import { Pencil } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/format";
import { describeRetention } from "@/lib/runs/retention-choices";
import { parseRunTableParams } from "@/lib/runs/table-params";
import { describeSchedule, nextRuns } from "@/lib/schedules/schedule";
import { getSite } from "@/lib/sites/sites";
import { listPools } from "@/lib/credentials/agents/pools";
import { getDashboardContext } from "@/lib/teams/context";
import { getSnapshotRetention } from "@/lib/teams/settings";
import { CapacityBanner } from "../../runs/_components/capacity";
import { RunHistory } from "../../runs/_components/run-history";
import { RunHistoryCard } from "../../runs/_components/run-history-card";
import { deleteSiteAction } from "../actions";
import { RunNowButton } from "../_components/run-now-button";

export const metadata: Metadata = { title: "Site" };

export default async function SitePage({
  params,
  searchParams,
}: {
  params: Promise<{ siteId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { siteId } = await params;
  const tableParams = parseRunTableParams(await searchParams);
  const { team, can } = await getDashboardContext(`/sites/${siteId}`);
  const [site, retentionDays] = await Promise.all([
    getSite(team.id, siteId),
    getSnapshotRetention(team.id),
  ]);
  if (!site) notFound();
  const schedule = { kind: site.scheduleKind, cron: site.scheduleCron };
  const upcoming = nextRuns(schedule, team.timeZone, 3);
  const settings: [string, string][] = [
    ["Max pages", String(site.maxPages)],
    ["Max depth", String(site.maxDepth)],
    ["Request timeout", `${site.requestTimeoutMs.toLocaleString("en-US")} ms`],
    ["Include", site.includePatterns.join(", ") || "Every page"],
    ["Exclude", site.excludePatterns.join(", ") || "Nothing"],
    [
      "Runs on",
      site.executionMode === "cloud"
        ? "Signal Diff cloud"
        : `Agent pool ${(await listPools(team.id)).find((p) => p.id === site.agentPoolId)?.name ?? site.agentPoolId}`,
    ],
  ];
  return (
    <>
      <PageHeader
        title={site.name}
        description={
          <a href={site.startUrl} className="hover:underline" rel="noreferrer" target="_blank">
            {site.startUrl}
          </a>
        }
        actions={
          <>
            <CapacityBanner teamId={team.id} />
            {can("member") ? (
              <ButtonLink variant="secondary" href={`/sites/${site.id}/edit`}>
                <Pencil className="size-4" aria-hidden />
                Edit
              </ButtonLink>
            ) : null}
            {can("admin") ? (
              <ConfirmAction
                trigger="Delete"
                triggerVariant="secondary"
                title={`Delete ${site.name}?`}
                description="Queued and running runs of this site are cancelled. Its run history (statuses and change counts) stays in Runs; its stored page snapshots are removed."
                confirmLabel="Delete site"
                action={deleteSiteAction}
                fields={{ teamId: team.id, siteId: site.id }}
              />
            ) : null}
            {can("member") ? <RunNowButton teamId={team.id} siteId={site.id} /> : null}
          </>
        }
      />
      <div className="mb-6 grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader title="Crawl settings" />
          <CardBody>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1.5 text-sm">
              {settings.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-zinc-500">{k}</dt>
                  <dd className="text-zinc-900">{v}</dd>
                </div>
              ))}
            </dl>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Schedule" description={`Times in ${team.timeZone}.`} />
          <CardBody className="space-y-2 text-sm">
            <p data-testid="schedule-words" className="font-medium text-zinc-900">
              {describeSchedule(schedule)}
            </p>
            {site.scheduleKind === "cron" ? (
              <p className="font-mono text-xs text-zinc-500">{site.scheduleCron}</p>
            ) : null}
            {upcoming.length ? (
              <div>
                <p className="text-zinc-500">Next runs</p>
                <ul data-testid="next-runs" className="mt-1 space-y-0.5 tabular-nums">
                  {upcoming.map((t) => (
                    <li key={t.toISOString()}>{formatDateTime(t, team.timeZone)}</li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="text-zinc-500">No recurring runs. Edit the site to add a schedule.</p>
            )}
          </CardBody>
        </Card>
      </div>
      <RunHistoryCard teamId={team.id} timeZone={team.timeZone} siteId={site.id} />
      <h2 className="mb-1 text-lg font-semibold text-zinc-900">Runs</h2>
      <p className="mb-3 text-sm text-zinc-600" data-testid="retention-note">
        {describeRetention(retentionDays)} Every run’s summary, status and change counts are kept
        forever.{" "}
        {can("admin") ? (
          <Link href="/settings" className="underline-offset-2 hover:underline">
            Change in Settings
          </Link>
        ) : null}
      </p>
      <RunHistory
        teamId={team.id}
        timeZone={team.timeZone}
        params={tableParams}
        basePath={`/sites/${site.id}`}
        siteId={site.id}
      />
    </>
  );
}
