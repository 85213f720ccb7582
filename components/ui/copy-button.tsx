"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";

/** Copies `value` to the clipboard and says so, for people and screen readers alike. */
export function CopyButton({
  value,
  label = "Copy",
  ariaLabel,
  onCopied,
  size = "sm",
  className,
}: {
  value: string;
  label?: string;
  /** Accessible name when the visible label is short ("Copy" → "Copy Client ID"). */
  ariaLabel?: string;
  className?: string;
  onCopied?: () => void;
  size?: "sm" | "md";
}) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Clipboard API unavailable (insecure context): fall back to a hidden textarea.
      const area = document.createElement("textarea");
      area.value = value;
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    setCopied(true);
    onCopied?.();
    setTimeout(() => setCopied(false), 2000);
  }
  return (
    <button
      type="button"
      onClick={copy}
      className={buttonClass("secondary", size, className)}
      aria-label={copied ? "Copied" : ariaLabel}
      aria-live="polite"
    >
      {copied ? (
        <Check className="size-4 text-emerald-600" aria-hidden />
      ) : (
        <Copy className="size-4" aria-hidden />
      )}
      {copied ? "Copied" : label}
    </button>
  );
}
