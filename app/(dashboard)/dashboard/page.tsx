import type { Metadata } from "next";
import { Activity, Globe, KeyRound, Users } from "lucide-react";
import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { countActiveKeys } from "@/lib/credentials/ci-keys/list-keys";
import { formatDateTime } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { getDashboardContext } from "@/lib/teams/context";
import { getTeamOverview } from "@/lib/teams/overview";
import { countRuns, listRuns, RUN_COUNT_CAP } from "@/lib/runs/queries";
import { countSites } from "@/lib/sites/sites";
import { CapacityBanner } from "../runs/_components/capacity";
import { RunHistoryCard } from "../runs/_components/run-history-card";
import { RunStatusBadge, SOURCE_LABELS } from "../runs/_components/run-status";
import { NoticeBanner } from "../notices/_components/notice-banner";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const { team, can, user } = await getDashboardContext();
  const [overview, sites, runs, activeKeys, recent] = await Promise.all([
    getTeamOverview(team.id),
    countSites(team.id),
    countRuns(team.id),
    countActiveKeys(team.id),
    listRuns(team.id, {}, { limit: 5 }),
  ]);
  const tiles = [
    { label: "Members", value: overview.members, href: "/settings/members", icon: Users },
    { label: "Sites", value: sites, href: "/sites", icon: Globe },
    {
      label: "Runs",
      value: runs.more ? `${RUN_COUNT_CAP.toLocaleString("en-US")}+` : runs.count,
      href: "/runs",
      icon: Activity,
    },
    {
      label: "Active CI API keys",
      value: activeKeys,
      href: "/developers/api-keys",
      icon: KeyRound,
    },
  ];
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`Overview of ${team.name}.`}
        actions={<CapacityBanner teamId={team.id} />}
      />
      <NoticeBanner team={team} userId={user.id} />
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
        {tiles.map(({ label, value, href, icon: Icon }) => (
          <Link key={label} href={href} className="group">
            <Card className="p-4 transition-colors group-hover:border-zinc-300">
              <div className="flex items-center justify-between gap-2 text-sm text-zinc-600">
                {label}
                <Icon className="size-4 shrink-0 text-zinc-400" aria-hidden />
              </div>
              <p className="mt-2 text-2xl font-semibold tabular-nums">{value}</p>
            </Card>
          </Link>
        ))}
      </div>
      <div className="mt-6">
        <RunHistoryCard teamId={team.id} timeZone={team.timeZone} />
      </div>
      <Card>
        <CardHeader
          title="Recent runs"
          description={
            <Link href="/runs" className="hover:underline">
              All runs →
            </Link>
          }
        />
        {recent.items.length ? (
          <ul className="divide-y divide-zinc-100" data-testid="recent-runs">
            {recent.items.map((run) => (
              <li key={run.id}>
                <Link
                  href={`/runs/${run.id}`}
                  className="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3 text-sm hover:bg-zinc-50"
                >
                  <RunStatusBadge status={run.status} skipReason={run.skipReason} />
                  <span className="font-medium text-zinc-900">{run.site.name}</span>
                  <span className="text-zinc-500">{SOURCE_LABELS[run.source]}</span>
                  <span className="basis-full text-zinc-500 tabular-nums sm:ml-auto sm:basis-auto">
                    {formatDateTime(run.createdAt, team.timeZone)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <div className="p-5">
            <EmptyState
              icon={<Activity className="size-8" aria-hidden />}
              title="No runs yet"
              action={
                can("member") ? (
                  <Link href="/sites/new" className="font-medium text-violet-700 hover:underline">
                    Add a site
                  </Link>
                ) : null
              }
            >
              {can("member")
                ? "Add a site and press Run now, or trigger runs from CI with a CI API key."
                : "Runs appear here when members of this team start them."}
            </EmptyState>
          </div>
        )}
      </Card>
    </>
  );
}
