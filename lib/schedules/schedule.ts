// Site schedules: off, hourly, daily, weekly or a five-field cron expression, evaluated in the
// team's time zone. Presets are cron expressions too, so one code path computes every next run.
import { Cron } from "croner";
import cronstrue from "cronstrue";

export const SCHEDULE_KINDS = ["off", "hourly", "daily", "weekly", "cron"] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** The cron expression behind each preset (times in the team's time zone). */
export const PRESET_CRON: Record<Exclude<ScheduleKind, "off" | "cron">, string> = {
  hourly: "0 * * * *",
  daily: "0 9 * * *",
  weekly: "0 9 * * 1",
};

export type Schedule = { kind: ScheduleKind; cron?: string | null };

/** Why a cron expression is unusable, or null when it is fine. */
export function cronError(expr: string): string | null {
  const trimmed = expr.trim();
  if (!trimmed) return "Enter a cron expression, e.g. 0 9 * * 1-5.";
  if (trimmed.split(/\s+/).length !== 5)
    return "Use five fields: minute hour day-of-month month day-of-week.";
  try {
    const job = new Cron(trimmed, { paused: true });
    if (!job.nextRun()) return "This expression never runs.";
    return null;
  } catch (error) {
    return `Not a valid cron expression (${(error as Error).message.replace(/^CronPattern: /, "")}).`;
  }
}

export function scheduleCron(schedule: Schedule): string | null {
  if (schedule.kind === "off") return null;
  if (schedule.kind === "cron") return schedule.cron?.trim() || null;
  return PRESET_CRON[schedule.kind];
}

/** The next `count` start times after `from`, in the given IANA time zone. */
export function nextRuns(
  schedule: Schedule,
  timeZone: string,
  count = 3,
  from: Date = new Date(),
): Date[] {
  const expr = scheduleCron(schedule);
  if (!expr || cronError(expr)) return [];
  const job = new Cron(expr, { paused: true, timezone: timeZone });
  return job.nextRuns(count, from);
}

export function nextRunAt(schedule: Schedule, timeZone: string, from = new Date()): Date | null {
  return nextRuns(schedule, timeZone, 1, from)[0] ?? null;
}

/** "At 09:00 AM, only on Monday"-style words for a schedule. */
export function describeSchedule(schedule: Schedule): string {
  if (schedule.kind === "off") return "Off";
  const expr = scheduleCron(schedule);
  if (!expr || cronError(expr)) return "Invalid schedule";
  const words = cronstrue.toString(expr, { use24HourTimeFormat: true, verbose: false });
  return schedule.kind === "cron" ? words : `${capitalise(schedule.kind)} — ${lower(words)}`;
}

function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
function lower(s: string) {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
