"use client";

import { LogOut, Settings } from "lucide-react";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { Menu, menuItemClass } from "@/components/ui/menu";

export function AccountMenu({
  user,
}: {
  user: { email: string | null; name: string | null; image: string | null };
}) {
  const label = user.name ?? user.email ?? "Account";
  return (
    <Menu
      label="Account menu"
      side="top"
      trigger={
        <>
          <span className="flex size-7 items-center justify-center rounded-full bg-zinc-200 text-xs font-semibold uppercase">
            {label.slice(0, 1)}
          </span>
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-medium">{label}</span>
            {user.email ? (
              <span className="block truncate text-xs text-zinc-500">{user.email}</span>
            ) : null}
          </span>
        </>
      }
    >
      <Link href="/settings" data-menu-item className={menuItemClass}>
        <Settings className="size-4" aria-hidden />
        Team settings
      </Link>
      <button
        type="button"
        data-menu-item
        className={menuItemClass}
        onClick={() => void signOut({ callbackUrl: "/sign-in" })}
      >
        <LogOut className="size-4" aria-hidden />
        Sign out
      </button>
    </Menu>
  );
}
