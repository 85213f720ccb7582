import type { Metadata } from "next";
import { Activity } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Runs" };

export default function Page() {
  return (
    <>
      <PageHeader title="Runs" />
      <EmptyState icon={<Activity className="size-8" aria-hidden />} title="No runs yet">
        Every crawl of a site is a run: started by hand, on a schedule, from CI or by an agent. Run
        history will appear here.
      </EmptyState>
    </>
  );
}
