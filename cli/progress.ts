// Live progress while waiting: on a terminal one line rewritten in place; otherwise a plain line
// whenever the status changes, and at most every 10 s while pages are being crawled (CI logs).
import type { Io } from "./io";
import { changeCount, type Run } from "./run-view";

const PLAIN_EVERY_MS = 10_000;
const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export function progressLine(run: Run): string {
  const { done, planned } = run.counts;
  const pages = planned > 0 ? `${done}/${planned} pages` : `${done} pages`;
  const changed = changeCount(run);
  return `${run.status} · ${pages} · ${changed} changed so far`;
}

export function progressReporter(io: Io): (run: Run) => void {
  let tick = 0;
  let lastStatus = "";
  let lastLine = "";
  let lastAt = 0;
  return (run) => {
    const line = progressLine(run);
    if (io.status) {
      io.status(`${SPINNER[tick++ % SPINNER.length]} ${line}`);
      return;
    }
    const now = io.now();
    const statusChanged = run.status !== lastStatus;
    if (statusChanged || (line !== lastLine && now - lastAt >= PLAIN_EVERY_MS)) {
      io.err(line);
      lastStatus = run.status;
      lastLine = line;
      lastAt = now;
    }
  };
}
