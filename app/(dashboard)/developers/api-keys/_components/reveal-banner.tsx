"use client";

// Shows a freshly created secret exactly once. The value lives only in this component's props
// (from the server action's response): never in the URL, a cookie, storage or a log.
import { KeyRound, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogActions } from "@/components/ui/dialog";

export type RevealItem = {
  label: string;
  value: string;
  secret: boolean;
  /** Short visible text of the copy button; its accessible name is always "Copy <label>". */
  copyLabel?: string;
};

export function RevealBanner({
  title,
  items,
  warning,
  hint,
  onDismiss,
}: {
  title: string;
  items: RevealItem[];
  warning: ReactNode;
  hint?: ReactNode;
  onDismiss: () => void;
}) {
  const [copied, setCopied] = useState<Record<string, boolean>>({});
  const [confirming, setConfirming] = useState(false);
  const secretsCopied = items.filter((i) => i.secret).every((i) => copied[i.label]);
  return (
    <section
      role="region"
      aria-label={title}
      data-testid="reveal-banner"
      className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4"
    >
      <div className="flex items-start gap-3">
        <KeyRound className="mt-0.5 size-5 shrink-0 text-amber-700" aria-hidden />
        <div className="min-w-0 flex-1 space-y-3">
          <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
          {items.map((item) => (
            <div key={item.label} className="space-y-1">
              <p className="text-xs font-medium text-zinc-600">{item.label}</p>
              <div className="flex flex-wrap items-center gap-2">
                <code
                  data-testid={`revealed-${item.label.toLowerCase().replace(/\s+/g, "-")}`}
                  className="min-w-0 flex-1 rounded border border-zinc-300 bg-white px-2 py-1.5 font-mono text-sm break-all text-zinc-900"
                >
                  {item.value}
                </code>
                <CopyButton
                  value={item.value}
                  label={item.copyLabel ?? `Copy ${item.label.toLowerCase()}`}
                  ariaLabel={`Copy ${item.label}`}
                  onCopied={() => setCopied((c) => ({ ...c, [item.label]: true }))}
                />
              </div>
            </div>
          ))}
          <p className="flex items-start gap-2 text-sm text-amber-900">
            <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span>{warning}</span>
          </p>
          {hint ? <p className="text-sm text-zinc-700">{hint}</p> : null}
          <div>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => (secretsCopied ? onDismiss() : setConfirming(true))}
            >
              I have stored it — dismiss
            </Button>
          </div>
        </div>
      </div>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Dismiss without copying?"
        description="You have not copied the secret. Once dismissed it cannot be shown again."
      >
        <DialogActions>
          <Button variant="secondary" onClick={() => setConfirming(false)} data-autofocus>
            Go back
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              setConfirming(false);
              onDismiss();
            }}
          >
            Dismiss anyway
          </Button>
        </DialogActions>
      </Dialog>
    </section>
  );
}

/** The banner for a CI key secret, with the "store it as SIGNALDIFF_CI_API_KEY" hint. */
export function CiKeyReveal({ secret, onDismiss }: { secret: string; onDismiss: () => void }) {
  return (
    <RevealBanner
      title="Your new CI API key"
      items={[{ label: "CI API key", value: secret, secret: true, copyLabel: "Copy key" }]}
      warning="Copy it now. This is the only time the full key is shown; it cannot be retrieved again."
      hint={
        <>
          Next: store it as the repository secret{" "}
          <code className="font-mono">SIGNALDIFF_CI_API_KEY</code> (with your deployment origin in{" "}
          <code className="font-mono">SIGNALDIFF_API_BASE_URL</code>). See the{" "}
          <Link href="/docs/ci" className="font-medium underline">
            CI setup guide
          </Link>
          .
        </>
      }
      onDismiss={onDismiss}
    />
  );
}
