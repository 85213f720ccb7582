"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/**
 * A disclosure menu: the trigger toggles a panel, Escape and clicks outside close it, arrow keys
 * move between items. The panel stays mounted while closed (only hidden): an item that submits a
 * form or opens a dialog must still be in the document after the menu closes, or the browser
 * drops the submission ("form is not connected") and the dialog vanishes with the menu.
 */
export function Menu({
  trigger,
  label,
  children,
  align = "left",
  side = "bottom",
  className,
  triggerClassName,
  floating = false,
}: {
  trigger: ReactNode;
  label: string;
  children: ReactNode;
  align?: "left" | "right";
  side?: "bottom" | "top";
  className?: string;
  triggerClassName?: string;
  /**
   * Position the panel against the viewport, for menus inside a scrolling container (a table row)
   * that would otherwise clip it. It closes when the page scrolls or resizes.
   */
  floating?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState<React.CSSProperties | undefined>(undefined);
  const root = useRef<HTMLDivElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const close = () => setOpen(false);
    document.addEventListener("mousedown", onDown);
    if (floating) {
      window.addEventListener("scroll", close, { capture: true, passive: true });
      window.addEventListener("resize", close);
    }
    return () => {
      document.removeEventListener("mousedown", onDown);
      window.removeEventListener("scroll", close, { capture: true });
      window.removeEventListener("resize", close);
    };
  }, [open, floating]);
  function toggle() {
    if (floating && !open) {
      const box = root.current?.getBoundingClientRect();
      if (box) {
        setPlace({
          position: "fixed",
          top: side === "top" ? undefined : box.bottom + 4,
          bottom: side === "top" ? window.innerHeight - box.top + 4 : undefined,
          // Kept inside the viewport (14rem is the panel's minimum width).
          left: Math.max(
            8,
            Math.min(align === "right" ? box.right - 224 : box.left, window.innerWidth - 232),
          ),
        });
      }
    }
    setOpen((v) => !v);
  }
  function onKeyDown(e: React.KeyboardEvent) {
    if (e.key === "Escape") {
      setOpen(false);
      root.current?.querySelector<HTMLButtonElement>("button[aria-haspopup]")?.focus();
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const items = Array.from(root.current?.querySelectorAll<HTMLElement>("[data-menu-item]") ?? []);
    if (!items.length) return;
    e.preventDefault();
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next =
      e.key === "ArrowDown" ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
    items[next]?.focus();
  }
  return (
    <div ref={root} className={cn("relative", className)} onKeyDown={onKeyDown} data-menu-root>
      <button
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={id}
        aria-label={label}
        onClick={toggle}
        className={cn(
          "flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm hover:bg-zinc-100",
          triggerClassName,
        )}
      >
        {trigger}
      </button>
      <div
        id={id}
        hidden={!open}
        style={floating ? place : undefined}
        className={cn(
          "absolute z-30 min-w-56 rounded-md border border-zinc-200 bg-white p-1 text-left whitespace-normal shadow-lg",
          !floating && (align === "right" ? "right-0" : "left-0"),
          !floating && (side === "top" ? "bottom-full mb-1" : "mt-1"),
        )}
        onClick={(e) => {
          if ((e.target as HTMLElement).closest("[data-menu-item]")) setOpen(false);
        }}
      >
        {children}
      </div>
    </div>
  );
}

export const menuItemClass =
  "flex w-full items-center gap-2 rounded px-2 py-1.5 text-left text-sm text-zinc-700 hover:bg-zinc-100 focus:bg-zinc-100 focus:outline-none";
