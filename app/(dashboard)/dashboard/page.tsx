import type { Metadata } from "next";
import { Activity, Globe, KeyRound, Users } from "lucide-react";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDashboardContext } from "@/lib/teams/context";
import { getTeamOverview } from "@/lib/teams/overview";
import { countRuns } from "@/lib/runs/queries";
import { countSites } from "@/lib/sites/sites";
import { CapacityBanner } from "../runs/_components/capacity";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const { team } = await getDashboardContext();
  const [overview, sites, runs] = await Promise.all([
    getTeamOverview(team.id),
    countSites(team.id),
    countRuns(team.id),
  ]);
  const tiles = [
    { label: "Members", value: overview.members, href: "/settings/members", icon: Users },
    { label: "Sites", value: sites, href: "/sites", icon: Globe },
    { label: "Runs", value: runs, href: "/runs", icon: Activity },
    { label: "CI API keys", value: "—", href: "/developers/api-keys", icon: KeyRound },
  ];
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`Overview of ${team.name}.`}
        actions={<CapacityBanner teamId={team.id} />}
      />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {tiles.map(({ label, value, href, icon: Icon }) => (
          <Link key={label} href={href} className="group">
            <Card className="p-4 transition-colors group-hover:border-zinc-300">
              <div className="flex items-center justify-between text-sm text-zinc-600">
                {label}
                <Icon className="size-4 text-zinc-400" aria-hidden />
              </div>
              <p className="mt-2 text-2xl font-semibold tabular-nums">{value}</p>
            </Card>
          </Link>
        ))}
      </div>
    </>
  );
}
