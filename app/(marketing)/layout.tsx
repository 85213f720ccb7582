import Link from "next/link";
import { Logo } from "@/components/logo";
import { buttonClass } from "@/components/ui/button";
import { getSessionUser } from "@/lib/auth/session";

export default async function MarketingLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  return (
    <div className="min-h-screen bg-white">
      <header className="border-b border-zinc-200">
        <div className="mx-auto flex h-16 max-w-6xl items-center justify-between px-6">
          <Link href="/" aria-label="Signal Diff home">
            <Logo />
          </Link>
          <nav aria-label="Site" className="flex items-center gap-1 text-sm">
            <Link
              href="/pricing"
              className="rounded-md px-2 py-2 text-zinc-700 hover:bg-zinc-100 sm:px-3"
            >
              Pricing
            </Link>
            <Link
              href="/docs"
              className="rounded-md px-2 py-2 text-zinc-700 hover:bg-zinc-100 sm:px-3"
            >
              Docs
            </Link>
            {user ? (
              <Link href="/dashboard" className={buttonClass("primary", "sm", "ml-2")}>
                Dashboard
              </Link>
            ) : (
              <Link href="/sign-in" className={buttonClass("primary", "sm", "ml-2")}>
                Sign in
              </Link>
            )}
          </nav>
        </div>
      </header>
      <main id="main">{children}</main>
      <footer className="border-t border-zinc-200 py-8 text-center text-xs text-zinc-500">
        © 2026 Signal Diff
      </footer>
    </div>
  );
}
