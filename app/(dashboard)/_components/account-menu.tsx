"use client";

import { LogOut, MonitorX, Settings } from "lucide-react";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Menu, menuItemClass } from "@/components/ui/menu";
import { signOutEverywhereAction } from "@/app/(auth)/actions";

export function AccountMenu({
  user,
}: {
  user: { email: string | null; name: string | null; image: string | null };
}) {
  const label = user.name ?? user.email ?? "Account";
  const [error, setError] = useState<string | null>(null);
  async function signOutEverywhere() {
    setError(null);
    const result = await signOutEverywhereAction(null, new FormData());
    // Only sign this browser out once the others are: otherwise the person would believe they were.
    if (result?.ok) void signOut({ callbackUrl: "/sign-in" });
    else setError(result?.error ?? "Could not sign out of all devices. Please try again.");
  }
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
      <button
        type="button"
        data-menu-item
        className={menuItemClass}
        onClick={() => void signOutEverywhere()}
      >
        <MonitorX className="size-4" aria-hidden />
        Sign out of all devices
      </button>
      {error ? (
        <p role="alert" className="px-2 py-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </Menu>
  );
}
