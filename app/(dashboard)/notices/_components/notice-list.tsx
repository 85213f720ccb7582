// The notices page's list: newest first, each with its state for this person.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import type { NoticeView } from "@/lib/notices/list-notices";
import { DismissNotice } from "./dismiss-notice";

function state(n: NoticeView) {
  if (n.resolvedAt) return <Badge tone="green">Resolved</Badge>;
  if (n.dismissed) return <Badge>Dismissed</Badge>;
  return <Badge tone="amber">Needs action</Badge>;
}

export function NoticeList({
  teamId,
  notices,
  timeZone,
}: {
  teamId: string;
  notices: NoticeView[];
  timeZone: string;
}) {
  return (
    <ul className="divide-y divide-zinc-100" data-testid="notice-list">
      {notices.map((n) => (
        <li key={n.id} className="flex flex-wrap items-start gap-3 px-5 py-4 sm:flex-nowrap">
          <div className="min-w-0 flex-1 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <p className="font-medium break-words text-zinc-900">{n.title}</p>
              {state(n)}
            </div>
            <p className="mt-1 break-words text-zinc-600">{n.text}</p>
            <p className="mt-1 text-xs text-zinc-500">
              {formatDateTime(n.createdAt, timeZone)} ·{" "}
              <Link href={n.href} className="font-medium text-violet-700 hover:underline">
                {n.action}
              </Link>
            </p>
          </div>
          {!n.resolvedAt && !n.dismissed ? (
            <DismissNotice teamId={teamId} noticeId={n.id} title={n.title} />
          ) : null}
        </li>
      ))}
    </ul>
  );
}
