"use client";

// The return from Stripe Checkout (?checkout_session_id=…): claims the key of the subscription the
// checkout bought and reveals its secret once. The secret arrives only in the server action's
// response — never in the URL, a cookie or a cached page — and the query parameter is dropped from
// the address bar as soon as the claim has an answer. The component stays mounted across the
// refresh that follows, so the banner survives it.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Loader2 } from "lucide-react";
import { claimCheckoutKeyAction, type RevealedCiKey } from "../actions";
import { CiKeyReveal } from "./reveal-banner";

const POLL_MS = 1500;
const MAX_ATTEMPTS = 40;

type View =
  | { kind: "idle" }
  | { kind: "waiting"; slow: boolean }
  | { kind: "revealed"; key: RevealedCiKey }
  | { kind: "notice"; tone: "info" | "error"; text: string };

/** The address without ?checkout_session_id, so a reload does not claim again. */
function withoutSessionParam() {
  const url = new URL(window.location.href);
  url.searchParams.delete("checkout_session_id");
  return url.pathname + url.search;
}

export function CheckoutKeyClaim({
  teamId,
  sessionId,
}: {
  teamId: string;
  sessionId: string | null;
}) {
  const router = useRouter();
  const [view, setView] = useState<View>(
    sessionId ? { kind: "waiting", slow: false } : { kind: "idle" },
  );
  // Claimed once per session id: not reset on effect cleanup, so React's development double
  // effect run never fires a second claim (whose answer would be "already created").
  const claimed = useRef<string | null>(null);
  const mounted = useRef(false);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (!sessionId || claimed.current === sessionId) return;
    claimed.current = sessionId;
    const id = sessionId;

    async function attempt(n: number) {
      const form = new FormData();
      form.set("teamId", teamId);
      form.set("sessionId", id);
      const result = await claimCheckoutKeyAction(null, form).catch(() => null);
      if (!mounted.current) return;
      if (!result) {
        setView({
          kind: "notice",
          tone: "error",
          text: "Could not reach the server. Reload the page to try again.",
        });
        return;
      }
      if (!result.ok) {
        router.replace(withoutSessionParam(), { scroll: false });
        setView({ kind: "notice", tone: "error", text: result.error });
        return;
      }
      const claim = result.data;
      if (!claim) return;
      if (claim.state === "pending") {
        if (n >= MAX_ATTEMPTS) {
          setView({
            kind: "notice",
            tone: "info",
            text: "Stripe is still confirming your payment. Your key will be offered here as soon as the subscription arrives — reload in a minute.",
          });
          return;
        }
        setView({ kind: "waiting", slow: n >= 4 });
        setTimeout(() => void attempt(n + 1), POLL_MS);
        return;
      }
      if (claim.state === "revealed") setView({ kind: "revealed", key: claim.key });
      else
        setView({
          kind: "notice",
          tone: "info",
          text: `The key for this checkout (${claim.prefix}…) was already created and its secret shown once. It cannot be shown again; rotate the key to get a new secret.`,
        });
      // Navigating re-renders the page (the new key in the table) without the parameter; this
      // component keeps its place in the tree, so the banner stays.
      router.replace(withoutSessionParam(), { scroll: false });
    }

    void attempt(1);
  }, [sessionId, teamId, router]);

  if (view.kind === "idle") return null;
  if (view.kind === "revealed")
    return <CiKeyReveal secret={view.key.secret} onDismiss={() => setView({ kind: "idle" })} />;
  if (view.kind === "waiting")
    return (
      <div
        role="status"
        className="mb-6 flex items-center gap-3 rounded-lg border border-zinc-200 bg-white p-4 text-sm text-zinc-700"
      >
        <Loader2 className="size-4 animate-spin text-zinc-500" aria-hidden />
        {view.slow
          ? "Still waiting for Stripe to confirm your checkout…"
          : "Finishing your checkout and creating your CI API key…"}
      </div>
    );
  return (
    <div
      role={view.tone === "error" ? "alert" : "status"}
      className={
        view.tone === "error"
          ? "mb-6 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800"
          : "mb-6 rounded-lg border border-blue-200 bg-blue-50 p-4 text-sm text-blue-900"
      }
    >
      {view.text}
    </div>
  );
}
