/** A tiny bar chart of change counts of recent runs (oldest first). */
export function Sparkline({ values }: { values: number[] }) {
  if (values.length === 0)
    return <span className="text-xs text-zinc-400">No successful runs yet</span>;
  const max = Math.max(1, ...values);
  const w = 6;
  const gap = 2;
  const h = 24;
  const total = values.reduce((a, b) => a + b, 0);
  return (
    <svg
      width={values.length * (w + gap)}
      height={h}
      role="img"
      aria-label={`Changes in the last ${values.length} runs: ${values.join(", ")} (total ${total})`}
    >
      {values.map((v, i) => {
        const bh = v === 0 ? 2 : Math.max(3, Math.round((v / max) * h));
        return (
          <rect
            key={i}
            x={i * (w + gap)}
            y={h - bh}
            width={w}
            height={bh}
            rx={1}
            className={v === 0 ? "fill-zinc-200" : "fill-amber-500"}
          />
        );
      })}
    </svg>
  );
}
