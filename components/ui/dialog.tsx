"use client";

import { X } from "lucide-react";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { createPortal } from "react-dom";

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The element to focus when the dialog opens: a marked one, else the first form field. */
function initialFocus(dialog: HTMLDialogElement): HTMLElement | null {
  return (
    dialog.querySelector<HTMLElement>("[data-autofocus]") ??
    dialog.querySelector<HTMLElement>(
      'input:not([type="hidden"]):not([type="checkbox"]):not([disabled]), select, textarea',
    )
  );
}

/** Where focus goes back to: the opener, or — if it sat in a menu that has since closed — the menu's trigger. */
function returnTarget(opener: Element | null): HTMLElement | null {
  if (!(opener instanceof HTMLElement) || !opener.isConnected) return null;
  if (opener.getClientRects().length > 0) return opener;
  return (
    opener
      .closest("[data-menu-root]")
      ?.querySelector<HTMLElement>(":scope > button[aria-haspopup]") ?? null
  );
}

/**
 * A modal on the native <dialog> element, rendered into <body> so it never inherits the layout
 * of the table cell or menu that opened it (nowrap, right-aligned text). Escape closes it, Tab
 * cycles inside it, focus starts on the confirmation field (or a [data-autofocus] control) and
 * returns to the control that opened it.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!open || !dialog) return;
    const opener = document.activeElement;
    if (!dialog.open) dialog.showModal();
    initialFocus(dialog)?.focus();
    return () => {
      if (dialog.open) dialog.close();
      returnTarget(opener)?.focus();
    };
  }, [open]);

  function trapTab(e: React.KeyboardEvent<HTMLDialogElement>) {
    if (e.key !== "Tab" || !ref.current) return;
    const items = Array.from(ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
      (el) => el.getClientRects().length > 0,
    );
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  // Closed dialogs render nothing, so the server never reaches the portal below.
  if (!open || typeof document === "undefined") return null;
  return createPortal(
    <dialog
      ref={ref}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={trapTab}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      className="m-auto max-h-[calc(100dvh-2rem)] w-[min(32rem,calc(100vw-2rem))] overflow-y-auto rounded-lg border border-zinc-200 bg-white p-0 text-left break-words whitespace-normal text-zinc-900 shadow-xl backdrop:bg-zinc-950/40"
    >
      <div className="p-5">
        <div className="mb-3 flex items-start justify-between gap-4">
          <h2 id={titleId} className="min-w-0 text-base font-semibold text-zinc-900">
            {title}
          </h2>
          <button
            type="button"
            onClick={onClose}
            className="shrink-0 rounded p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900"
            aria-label="Close"
          >
            <X className="size-4" aria-hidden />
          </button>
        </div>
        {description ? (
          <div id={descriptionId} className="mb-4 text-sm text-zinc-600">
            {description}
          </div>
        ) : null}
        {children}
      </div>
    </dialog>,
    document.body,
  );
}

/** The button row at the foot of a dialog: stacked full-width on a phone, right-aligned above. */
export function DialogActions({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end max-sm:*:w-full">
      {children}
    </div>
  );
}
