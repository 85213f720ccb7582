// What needs action, above the page: the open notices (not resolved, not dismissed by this
// person) on the dashboard and Developers → API keys. Server component; nothing when all is well.
import { AlertTriangle } from "lucide-react";
import Link from "next/link";
import { listOpenNotices } from "@/lib/notices/list-notices";
import { DismissNotice } from "./dismiss-notice";

const SHOWN = 3;

export async function NoticeBanner({
  team,
  userId,
}: {
  team: { id: string; timeZone: string };
  userId: string;
}) {
  const notices = await listOpenNotices(team, userId, SHOWN + 1);
  if (!notices.length) return null;
  return (
    <section
      aria-label="Needs action"
      data-testid="notice-banner"
      className="mb-6 rounded-lg border border-amber-300 bg-amber-50"
    >
      <ul className="divide-y divide-amber-200">
        {notices.slice(0, SHOWN).map((n) => (
          <li key={n.id} className="flex flex-wrap items-start gap-3 px-4 py-3 sm:flex-nowrap">
            <AlertTriangle className="mt-0.5 size-4 shrink-0 text-amber-700" aria-hidden />
            <div className="min-w-0 flex-1 text-sm">
              <p className="font-medium break-words text-amber-950">{n.title}</p>
              <p className="mt-0.5 break-words text-amber-900">{n.text}</p>
              <Link
                href={n.href}
                className="mt-1 inline-block font-medium text-amber-950 underline"
              >
                {n.action}
              </Link>
            </div>
            <DismissNotice teamId={team.id} noticeId={n.id} title={n.title} />
          </li>
        ))}
      </ul>
      {notices.length > SHOWN ? (
        <p className="border-t border-amber-200 px-4 py-2 text-sm">
          <Link href="/notices" className="font-medium text-amber-950 underline">
            All notices
          </Link>
        </p>
      ) : null}
    </section>
  );
}
