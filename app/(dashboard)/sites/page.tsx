import type { Metadata } from "next";
import { Globe } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Sites" };

export default function Page() {
  return (
    <>
      <PageHeader title="Sites" />
      <EmptyState icon={<Globe className="size-8" aria-hidden />} title="No sites yet">
        Sites are the websites Signal Diff crawls and compares around your deploys. Adding and
        crawling sites is being built and will appear here.
      </EmptyState>
    </>
  );
}
