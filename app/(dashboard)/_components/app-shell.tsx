"use client";

import {
  Webhook,
  Activity,
  BookOpen,
  Bot,
  CreditCard,
  Globe,
  KeyRound,
  LayoutDashboard,
  Menu as MenuIcon,
  Settings,
  X,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import { Logo } from "@/components/logo";
import { TeamSwitcher, type TeamSummary } from "./team-switcher";
import { AccountMenu } from "./account-menu";
import { NoticeBell } from "./notice-bell";

const NAV = [
  { href: "/dashboard", label: "Dashboard", icon: LayoutDashboard },
  { href: "/sites", label: "Sites", icon: Globe },
  { href: "/runs", label: "Runs", icon: Activity },
  { href: "/developers/api-keys", label: "API keys", icon: KeyRound, group: "Developers" },
  { href: "/developers/webhooks", label: "Webhooks", icon: Webhook, group: "Developers" },
  { href: "/agents", label: "Agents", icon: Bot, group: "Developers" },
  { href: "/settings", label: "Settings", icon: Settings, group: "Team" },
  { href: "/pricing", label: "Pricing", icon: CreditCard, group: "Team" },
  { href: "/docs", label: "Docs", icon: BookOpen, group: "Team" },
] as const;

export function AppShell({
  user,
  team,
  teams,
  noticeCount,
  children,
}: {
  user: { email: string | null; name: string | null; image: string | null };
  team: TeamSummary;
  teams: TeamSummary[];
  /** Open notices for this person (the bell's count). */
  noticeCount: number;
  children: React.ReactNode;
}) {
  const pathname = usePathname();
  const [mobileOpen, setMobileOpen] = useState(false);
  const nav = (
    <nav aria-label="Main" className="flex-1 space-y-0.5 px-3 py-2">
      {NAV.map((item, i) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        const groupOf = (entry: (typeof NAV)[number] | undefined) =>
          entry && "group" in entry ? entry.group : undefined;
        const group = groupOf(item);
        const heading = group && group !== groupOf(NAV[i - 1]) ? group : null;
        const Icon = item.icon;
        return (
          <div key={item.href}>
            {heading ? (
              <p className="px-2 pt-4 pb-1 text-xs font-medium tracking-wide text-zinc-500 uppercase">
                {heading}
              </p>
            ) : null}
            <Link
              href={item.href}
              onClick={() => setMobileOpen(false)}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-2.5 rounded-md px-2 py-1.5 text-sm font-medium",
                active
                  ? "bg-zinc-900 text-white"
                  : "text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900",
              )}
            >
              <Icon className="size-4" aria-hidden />
              {item.label}
            </Link>
          </div>
        );
      })}
    </nav>
  );
  const sidebar = (
    <div className="flex h-full flex-col">
      <div className="flex h-14 items-center justify-between px-5">
        <Link href="/dashboard" aria-label="Signal Diff dashboard">
          <Logo />
        </Link>
        <NoticeBell count={noticeCount} onNavigate={() => setMobileOpen(false)} />
      </div>
      <div className="px-3 pb-2">
        <TeamSwitcher team={team} teams={teams} />
      </div>
      {nav}
      <div className="border-t border-zinc-200 p-3">
        <AccountMenu user={user} />
      </div>
    </div>
  );
  return (
    <div className="min-h-screen lg:pl-64">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <aside className="fixed inset-y-0 left-0 hidden w-64 border-r border-zinc-200 bg-white lg:block">
        {sidebar}
      </aside>
      <header className="sticky top-0 z-20 flex h-14 items-center justify-between border-b border-zinc-200 bg-white px-4 lg:hidden">
        <Logo />
        <div className="flex items-center gap-1">
          {mobileOpen ? null : <NoticeBell count={noticeCount} />}
          <button
            type="button"
            className="rounded-md p-2 hover:bg-zinc-100"
            aria-label={mobileOpen ? "Close navigation" : "Open navigation"}
            aria-expanded={mobileOpen}
            onClick={() => setMobileOpen((v) => !v)}
          >
            {mobileOpen ? (
              <X className="size-5" aria-hidden />
            ) : (
              <MenuIcon className="size-5" aria-hidden />
            )}
          </button>
        </div>
      </header>
      {mobileOpen ? (
        <div className="fixed inset-0 z-30 lg:hidden">
          <div
            className="absolute inset-0 bg-zinc-900/40"
            onClick={() => setMobileOpen(false)}
            aria-hidden
          />
          <aside className="absolute inset-y-0 left-0 w-72 bg-white shadow-xl">{sidebar}</aside>
        </div>
      ) : null}
      <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6 lg:px-10">
        {children}
      </main>
    </div>
  );
}
