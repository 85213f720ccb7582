"use client";

import { Check, ChevronsUpDown, Plus } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useActionState } from "react";
import { Menu, menuItemClass } from "@/components/ui/menu";
import { switchTeamAction } from "../teams/actions";

export type TeamSummary = {
  id: string;
  name: string;
  slug: string;
  personal: boolean;
  role: string;
};

function SwitchItem({ team, current }: { team: TeamSummary; current: boolean }) {
  const pathname = usePathname();
  const [, action] = useActionState(switchTeamAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="teamId" value={team.id} />
      <input type="hidden" name="next" value={pathname} />
      <button
        type="submit"
        data-menu-item
        className={menuItemClass}
        aria-current={current ? "true" : undefined}
      >
        <span className="flex size-5 items-center justify-center rounded bg-zinc-200 text-[10px] font-semibold uppercase">
          {team.name.slice(0, 1)}
        </span>
        <span className="flex-1 truncate">{team.name}</span>
        {current ? <Check className="size-4 text-zinc-900" aria-label="Current team" /> : null}
      </button>
    </form>
  );
}

export function TeamSwitcher({ team, teams }: { team: TeamSummary; teams: TeamSummary[] }) {
  return (
    <Menu
      label={`Team: ${team.name}. Switch team`}
      trigger={
        <>
          <span className="flex size-7 items-center justify-center rounded-md bg-brand-600 text-xs font-semibold text-white uppercase">
            {team.name.slice(0, 1)}
          </span>
          <span className="min-w-0 flex-1">
            <span className="block truncate font-medium" data-testid="active-team">
              {team.name}
            </span>
            <span className="block text-xs text-zinc-500 capitalize">{team.role}</span>
          </span>
          <ChevronsUpDown className="size-4 text-zinc-500" aria-hidden />
        </>
      }
    >
      <p className="px-2 py-1 text-xs font-medium text-zinc-500">Teams</p>
      {teams.map((t) => (
        <SwitchItem key={t.id} team={t} current={t.id === team.id} />
      ))}
      <div className="my-1 border-t border-zinc-100" />
      <Link href="/teams/new" data-menu-item className={menuItemClass}>
        <Plus className="size-4" aria-hidden />
        Create team
      </Link>
    </Menu>
  );
}
