import type { Metadata } from "next";
import { Bot } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Customer agents" };

// Customer agents are not built yet (lib/product/features.ts marks them coming soon): say so
// plainly instead of an empty list that suggests enrolling works.
export default function Page() {
  return (
    <>
      <PageHeader title="Customer agents" />
      <EmptyState icon={<Bot className="size-8" aria-hidden />} title="Coming soon">
        Customer agents will crawl targets only your network can reach. They are not available yet:
        runs use Signal Diff&apos;s cloud crawler, and{" "}
        <code>execution_mode: &quot;agent&quot;</code> answers 422 until they are. See{" "}
        <Link href="/docs/plans-and-limits" className="underline">
          Plans and limits
        </Link>
        .
      </EmptyState>
    </>
  );
}
