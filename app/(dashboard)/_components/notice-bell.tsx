// The bell in the app's header: a link to the notices, with how many need this person's action.
import { Bell } from "lucide-react";
import Link from "next/link";
import { cn } from "@/components/ui/cn";

export function NoticeBell({ count, onNavigate }: { count: number; onNavigate?: () => void }) {
  const label = count
    ? `Notices: ${count} need${count === 1 ? "s" : ""} action`
    : "Notices: nothing needs action";
  return (
    <Link
      href="/notices"
      onClick={onNavigate}
      aria-label={label}
      title={label}
      data-testid="notice-bell"
      className="relative inline-flex size-9 items-center justify-center rounded-md text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-violet-600"
    >
      <Bell className="size-5" aria-hidden />
      {count ? (
        <span
          aria-hidden
          data-testid="notice-count"
          className={cn(
            "absolute -top-0.5 -right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-red-600 px-1 text-[10px] leading-none font-semibold text-white tabular-nums",
          )}
        >
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </Link>
  );
}
