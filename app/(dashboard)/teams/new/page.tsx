import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { CreateTeamForm } from "./_components/create-team-form";

export const metadata: Metadata = { title: "Create team" };

export default function NewTeamPage() {
  return (
    <>
      <PageHeader
        title="Create a team"
        description="Teams own sites, runs and credentials. You become its owner."
      />
      <CreateTeamForm />
    </>
  );
}
