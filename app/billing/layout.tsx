// The built-in test mode's stand-ins for Stripe's hosted pages (Checkout and the billing portal).
// They exist only without Stripe keys; every page and action checks that (assertTestMode).
import { FlaskConical } from "lucide-react";
import { Logo } from "@/components/logo";

export default function TestModeLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen bg-zinc-50">
      <div
        role="note"
        className="flex items-center justify-center gap-2 bg-amber-400 px-4 py-2 text-sm font-semibold text-amber-950"
      >
        <FlaskConical className="size-4" aria-hidden />
        Test mode — no real charge
      </div>
      <header className="mx-auto flex max-w-4xl items-center justify-between px-6 py-6">
        <Logo />
        <span className="text-xs text-zinc-500">Stripe test mode (built in)</span>
      </header>
      <main id="main" className="mx-auto max-w-4xl px-6 pb-16">
        {children}
      </main>
    </div>
  );
}
