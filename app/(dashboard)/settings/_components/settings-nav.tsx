import Link from "next/link";
import { cn } from "@/components/ui/cn";

const TABS = [
  { href: "/settings", label: "General" },
  { href: "/settings/members", label: "Members" },
  { href: "/developers/api-keys", label: "API keys" },
  { href: "/settings/audit-log", label: "Audit log" },
];

export function SettingsNav({ current }: { current: string }) {
  return (
    <nav aria-label="Settings" className="mb-6 flex gap-1 border-b border-zinc-200">
      {TABS.map((t) => (
        <Link
          key={t.href}
          href={t.href}
          aria-current={current === t.href ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            current === t.href
              ? "border-zinc-900 text-zinc-900"
              : "border-transparent text-zinc-600 hover:text-zinc-900",
          )}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
