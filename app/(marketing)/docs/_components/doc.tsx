import Link from "next/link";
import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";

/** A documentation page: title, lead paragraph, and prose sections. */
export function Doc({
  title,
  lead,
  children,
}: {
  title: string;
  lead: ReactNode;
  children: ReactNode;
}) {
  return (
    <article className="mx-auto max-w-3xl px-6 py-16 text-zinc-700 [&_code]:rounded [&_code]:bg-zinc-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.85em] [&_h2]:mt-10 [&_h2]:text-xl [&_h2]:font-semibold [&_h2]:text-zinc-900 [&_h3]:mt-6 [&_h3]:font-semibold [&_h3]:text-zinc-900 [&_li]:mt-1 [&_ol]:mt-3 [&_ol]:list-decimal [&_ol]:pl-6 [&_p]:mt-3 [&_pre]:mt-3 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-zinc-900 [&_pre]:p-4 [&_pre]:text-sm [&_pre]:text-zinc-100 [&_pre_code]:bg-transparent [&_pre_code]:p-0 [&_ul]:mt-3 [&_ul]:list-disc [&_ul]:pl-6">
      <p className="text-sm">
        <Link href="/docs" className="text-zinc-500 hover:text-zinc-900">
          Docs
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight text-zinc-900">{title}</h1>
      <p className="mt-3 text-lg text-zinc-600">{lead}</p>
      {children}
    </article>
  );
}

export function DocLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="font-medium text-zinc-900 underline">
      {children}
    </Link>
  );
}

/**
 * A code sample with a copy button: what people paste into a terminal or workflow file. The code
 * starts below the button (long lines scroll sideways, so right padding alone would not keep
 * them from running under it).
 */
export function CodeBlock({ code, label = "code" }: { code: string; label?: string }) {
  return (
    <div className="relative mt-3" data-testid="code-block">
      <pre className="mt-0! overflow-x-auto rounded-md bg-zinc-950 p-4 pt-11 text-[13px] leading-relaxed text-zinc-100">
        <code>{code}</code>
      </pre>
      <div className="absolute top-2 right-2">
        <CopyButton value={code} label="Copy" ariaLabel={`Copy ${label}`} />
      </div>
    </div>
  );
}
