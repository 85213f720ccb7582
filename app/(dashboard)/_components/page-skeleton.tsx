export function PageSkeleton() {
  return (
    <div aria-busy="true" aria-live="polite" className="space-y-4">
      <span className="sr-only">Loading…</span>
      <div className="h-8 w-48 animate-pulse rounded bg-zinc-200" />
      <div className="h-4 w-80 animate-pulse rounded bg-zinc-200" />
      <div className="h-48 animate-pulse rounded-lg bg-zinc-200/70" />
    </div>
  );
}
