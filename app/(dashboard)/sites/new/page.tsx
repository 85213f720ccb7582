import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { listPools } from "@/lib/credentials/agents/pools";
import { getDashboardContext } from "@/lib/teams/context";
import { NEW_SITE, SiteForm } from "../_components/site-form";

export const metadata: Metadata = { title: "New site" };

export default async function NewSitePage() {
  const { team, can } = await getDashboardContext("/sites/new");
  if (!can("member")) notFound();
  return (
    <>
      <PageHeader title="New site" description="A website Signal Diff crawls and compares." />
      <SiteForm
        teamId={team.id}
        site={NEW_SITE}
        timeZone={team.timeZone}
        pools={await listPools(team.id)}
      />
    </>
  );
}
