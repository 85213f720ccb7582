"use client";

// Run duration (line, left axis) and changed pages (bars, right axis) per run over time, for a
// bounded window from lib/runs/history.ts. Failed runs are red points, runs with page errors
// amber; the caption states the same in words.
import { useRouter } from "next/navigation";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type DotProps,
} from "recharts";
import type { HistoryPoint } from "@/lib/runs/history";

const COLORS = {
  duration: "#7c3aed",
  changed: "#f59e0b",
  failed: "#dc2626",
  errors: "#d97706",
};

type Row = HistoryPoint & { label: string };

function StatusDot(props: DotProps & { payload?: Row }) {
  const { cx, cy, payload } = props;
  if (cx === undefined || cy === undefined || !payload) return null;
  const failed = payload.status === "failed";
  const errors = payload.status === "succeeded_with_errors";
  if (!failed && !errors) return <circle cx={cx} cy={cy} r={2.5} fill={COLORS.duration} />;
  return (
    <g data-testid={failed ? "chart-failed-run" : "chart-errors-run"}>
      <circle
        cx={cx}
        cy={cy}
        r={5}
        fill={failed ? COLORS.failed : COLORS.errors}
        stroke="#fff"
        strokeWidth={1.5}
      />
    </g>
  );
}

function TooltipBody({ active, payload }: { active?: boolean; payload?: { payload: Row }[] }) {
  const row = payload?.[0]?.payload;
  if (!active || !row) return null;
  const status =
    row.status === "failed"
      ? "Failed"
      : row.status === "succeeded_with_errors"
        ? "Succeeded with errors"
        : row.status === "cancelled"
          ? "Cancelled"
          : "Succeeded";
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs shadow-sm">
      <p className="font-medium text-zinc-900">
        {row.siteName} · {row.label}
      </p>
      <p>{status}</p>
      <p>Duration: {row.durationS === null ? "—" : `${row.durationS} s`}</p>
      <p>Changed pages: {row.changed}</p>
      {row.failedPages ? <p className="text-red-700">Pages failed: {row.failedPages}</p> : null}
    </div>
  );
}

export function RunHistoryChart({
  points,
  summary,
  timeZone,
}: {
  points: HistoryPoint[];
  summary: string;
  timeZone: string;
}) {
  const router = useRouter();
  const fmt = new Intl.DateTimeFormat("en-US", {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  });
  const data: Row[] = points.map((p) => ({ ...p, label: fmt.format(new Date(p.at)) }));
  return (
    <figure className="px-2 pt-4 pb-3 sm:px-4" data-testid="run-history-chart">
      {data.length ? (
        <div className="h-56 w-full sm:h-64" role="img" aria-label={summary}>
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart
              data={data}
              margin={{ top: 8, right: 4, bottom: 0, left: 0 }}
              onClick={(e) => {
                const i = e?.activeTooltipIndex;
                const row = typeof i === "number" ? data[i] : undefined;
                if (row) router.push(`/runs/${row.id}`);
              }}
            >
              <CartesianGrid stroke="#f4f4f5" vertical={false} />
              <XAxis
                dataKey="label"
                tick={{ fontSize: 11, fill: "#71717a" }}
                tickLine={false}
                minTickGap={24}
              />
              <YAxis
                yAxisId="duration"
                tick={{ fontSize: 11, fill: "#71717a" }}
                tickLine={false}
                axisLine={false}
                width={48}
                unit=" s"
              />
              <YAxis
                yAxisId="changed"
                orientation="right"
                allowDecimals={false}
                tick={{ fontSize: 11, fill: "#71717a" }}
                tickLine={false}
                axisLine={false}
                width={28}
              />
              <Tooltip content={<TooltipBody />} />
              <Bar
                yAxisId="changed"
                dataKey="changed"
                name="Changed pages"
                fill={COLORS.changed}
                fillOpacity={0.55}
                maxBarSize={14}
                isAnimationActive={false}
              />
              <Line
                yAxisId="duration"
                dataKey="durationS"
                name="Duration"
                stroke={COLORS.duration}
                strokeWidth={2}
                dot={<StatusDot />}
                activeDot={{ r: 5 }}
                connectNulls
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      ) : null}
      <figcaption className="mt-2 space-y-1 px-2 text-xs text-zinc-600">
        {data.length ? (
          <span className="flex flex-wrap gap-x-4 gap-y-1" aria-hidden>
            <Legend color={COLORS.duration} label="Duration (s, left)" />
            <Legend color={COLORS.changed} label="Changed pages (right)" square />
            <Legend color={COLORS.failed} label="Failed run" />
            <Legend color={COLORS.errors} label="Succeeded with errors" />
          </span>
        ) : null}
        <span className="block" data-testid="chart-summary">
          {summary}
        </span>
      </figcaption>
    </figure>
  );
}

function Legend({ color, label, square }: { color: string; label: string; square?: boolean }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <span
        className={square ? "size-2.5 rounded-sm" : "size-2.5 rounded-full"}
        style={{ backgroundColor: color }}
      />
      {label}
    </span>
  );
}
