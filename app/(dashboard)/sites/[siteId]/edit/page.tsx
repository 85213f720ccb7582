import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { getSite } from "@/lib/sites/sites";
import { listPools } from "@/lib/credentials/agents/pools";
import { getDashboardContext } from "@/lib/teams/context";
import { SiteForm } from "../../_components/site-form";

export const metadata: Metadata = { title: "Edit site" };

export default async function EditSitePage({ params }: { params: Promise<{ siteId: string }> }) {
  const { siteId } = await params;
  const { team, can } = await getDashboardContext(`/sites/${siteId}/edit`);
  const site = await getSite(team.id, siteId);
  if (!site || !can("member")) notFound();
  return (
    <>
      <PageHeader title={`Edit ${site.name}`} />
      <SiteForm
        teamId={team.id}
        site={site}
        timeZone={team.timeZone}
        pools={await listPools(team.id)}
      />
    </>
  );
}
