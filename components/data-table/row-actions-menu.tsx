"use client";

// A "⋯" menu for a row's less frequent actions. Items may open dialogs: the menu keeps them
// mounted while closed, and the dialog returns focus to this trigger.
import { MoreHorizontal } from "lucide-react";
import type { ReactNode } from "react";
import { Menu } from "@/components/ui/menu";

export function RowActionsMenu({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Menu
      label={label}
      align="right"
      className="inline-block"
      triggerClassName="size-8 justify-center px-0 py-0 text-zinc-600"
      trigger={<MoreHorizontal className="size-4" aria-hidden />}
    >
      <div className="flex flex-col items-stretch [&_button]:w-full [&_button]:justify-start">
        {children}
      </div>
    </Menu>
  );
}
