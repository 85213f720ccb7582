import type { Metadata } from "next";
import { Bot } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Customer agents" };

export default function Page() {
  return (
    <>
      <PageHeader title="Customer agents" />
      <EmptyState icon={<Bot className="size-8" aria-hidden />} title="No agents enrolled">
        Customer agents crawl targets only your network can reach. Enrolling an agent needs an
        active paid CI API key.
      </EmptyState>
    </>
  );
}
