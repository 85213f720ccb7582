// The agent's log: one line per event, JSON (for log collectors) or pretty (for a terminal).
// Secrets never reach it: credentials and tokens are not passed to the logger.
export type LogFormat = "json" | "pretty";
export type Level = "debug" | "info" | "warn" | "error";
export type Logger = (level: Level, msg: string, fields?: Record<string, unknown>) => void;

export function createLogger(
  format: LogFormat,
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Logger {
  return (level, msg, fields = {}) => {
    const time = new Date().toISOString();
    if (format === "json") {
      write(JSON.stringify({ time, level, msg, ...fields }));
      return;
    }
    const extra = Object.entries(fields)
      .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
      .join(" ");
    write(
      `${time.slice(11, 19)} ${level.toUpperCase().padEnd(5)} ${msg}${extra ? ` ${extra}` : ""}`,
    );
  };
}
