// Server-side paging under a data table: numbered pages or keyset cursors, both as plain links so
// paging works before JavaScript loads and every page has its own URL.
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

function PageLink({ href, children, rel }: { href?: string; children: ReactNode; rel: string }) {
  if (!href)
    return (
      <span aria-disabled="true" className={buttonClass("secondary", "sm", "opacity-50")}>
        {children}
      </span>
    );
  return (
    <Link href={href} rel={rel} scroll={false} className={buttonClass("secondary", "sm")}>
      {children}
    </Link>
  );
}

export function DataTablePagination({
  summary,
  prevHref,
  nextHref,
  prevLabel = "← Previous",
  nextLabel = "Next →",
}: {
  /** "Page 2 of 5 · 93 runs", or for cursor paging just what is shown. */
  summary?: ReactNode;
  prevHref?: string;
  nextHref?: string;
  prevLabel?: string;
  nextLabel?: string;
}) {
  if (!prevHref && !nextHref && !summary) return null;
  return (
    <nav
      aria-label="Pages"
      className="flex flex-wrap items-center justify-between gap-2 border-t border-zinc-200 px-4 py-2 text-sm text-zinc-600"
    >
      <span>{summary}</span>
      {prevHref || nextHref ? (
        <span className="flex gap-2">
          <PageLink href={prevHref} rel="prev">
            {prevLabel}
          </PageLink>
          <PageLink href={nextHref} rel="next">
            {nextLabel}
          </PageLink>
        </span>
      ) : null}
    </nav>
  );
}
