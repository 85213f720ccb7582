export function Logo({ className }: { className?: string }) {
  return (
    <span
      className={`inline-flex items-center gap-2 font-semibold tracking-tight whitespace-nowrap text-zinc-900 ${className ?? ""}`}
    >
      <svg viewBox="0 0 24 24" className="size-6 shrink-0" aria-hidden>
        <rect width="24" height="24" rx="6" fill="#18181b" />
        <path
          d="M5 14h3l2-6 3 10 2-6h4"
          fill="none"
          stroke="#a5b4fc"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      Signal Diff
    </span>
  );
}
