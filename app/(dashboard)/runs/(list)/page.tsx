import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { parseRunTableParams } from "@/lib/runs/table-params";
import { getDashboardContext } from "@/lib/teams/context";
import { CapacityBanner } from "../_components/capacity";
import { RunHistory } from "../_components/run-history";

export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = parseRunTableParams(await searchParams);
  const { team } = await getDashboardContext("/runs");
  return (
    <>
      <PageHeader
        title="Runs"
        description="Every crawl of every site, newest first."
        actions={<CapacityBanner teamId={team.id} />}
      />
      <RunHistory teamId={team.id} timeZone={team.timeZone} params={params} basePath="/runs" />
    </>
  );
}
