"use client";

// A "⋯" menu for a row's less frequent actions (links, forms, dialogs). The panel floats against
// the viewport so the table's scrolling container never clips it; items stay mounted while it is
// closed, so a dialog opened from one survives and returns focus to this trigger.
import { MoreHorizontal } from "lucide-react";
import type { ReactNode } from "react";
import { Menu } from "@/components/ui/menu";

export { menuItemClass as rowMenuItemClass } from "@/components/ui/menu";

export function RowActionsMenu({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Menu
      label={label}
      align="right"
      className="inline-block"
      floating
      triggerClassName="size-8 justify-center px-0 py-0 text-zinc-600"
      trigger={<MoreHorizontal className="size-4" aria-hidden />}
    >
      {children}
    </Menu>
  );
}
