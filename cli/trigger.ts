// signaldiff trigger: start a run (retrying a full concurrency limit as Retry-After says, until
// --timeout), and with --wait follow it to its end and turn the result into a verdict and an
// exit code.
import { Api, errorFor } from "./api";
import type { TriggerCommand } from "./args";
import { formatDuration } from "./duration";
import { CliError, EXIT, type ExitCode } from "./exit-codes";
import type { Io } from "./io";
import { progressReporter } from "./progress";
import {
  changeCount,
  changedPages,
  runOf,
  startedOf,
  TERMINAL,
  withoutPages,
  type ChangedPage,
  type Run,
  type RunDetail,
} from "./run-view";

export type Verdict = "started" | "no_changes" | "changes" | "failed" | "cancelled" | "timed_out";

/** The document `signaldiff trigger --json` prints (stable; documented on /docs/cli). */
export type TriggerResult = {
  run_id: string;
  url: string;
  status: string;
  verdict: Verdict;
  exit_code: ExitCode;
  counts: Run["counts"] | null;
  changed_pages: ChangedPage[];
  error: string | null;
  run: Run | null;
};

const DEFAULT_POLL_MS = 2000;

export function triggerBody(cmd: TriggerCommand) {
  return {
    site_id: cmd.siteId,
    ...(cmd.commit !== undefined && { commit_sha: cmd.commit }),
    ...(cmd.branch !== undefined && { branch: cmd.branch }),
    ...(cmd.repository !== undefined && { repository: cmd.repository }),
    ...(cmd.runUrl !== undefined && { run_url: cmd.runUrl }),
    ...(cmd.environment !== undefined && { environment: cmd.environment }),
    ...(cmd.executionMode !== undefined && { execution_mode: cmd.executionMode }),
    ...(cmd.poolId !== undefined && { agent_pool_id: cmd.poolId }),
  };
}

/** POST /api/trigger/ci; a 429 is retried after Retry-After until the deadline, then exit 4. */
async function start(api: Api, io: Io, cmd: TriggerCommand, deadline: number) {
  const body = triggerBody(cmd);
  for (let attempt = 1; ; attempt++) {
    const answer = await api.send("POST", "/api/trigger/ci", body);
    if (answer.status === 202) return startedOf(answer.body);
    const error = errorFor(answer);
    if (answer.status !== 429) throw error;
    const left = deadline - io.now();
    if (left <= 0) {
      throw new CliError(
        `${error.message} Still refused after ${attempt === 1 ? "1 attempt" : `${attempt} attempts`}; --timeout ran out.`,
        EXIT.limit,
        error.code,
        429,
      );
    }
    const wait = Math.min(answer.retryAfterMs ?? 30_000, left);
    io.err(
      `Limit reached: ${error.message} Retrying in ${formatDuration(wait)}${wait < (answer.retryAfterMs ?? 0) ? " (the rest of --timeout)" : " (Retry-After)"}.`,
    );
    await io.sleep(wait);
  }
}

function pollMs(io: Io): number {
  const value = Number(io.env.SIGNALDIFF_POLL_INTERVAL_MS);
  return Number.isFinite(value) && value >= 100 ? value : DEFAULT_POLL_MS;
}

/** GET /agent/runs/{id} until the run ends or the deadline; transient failures are retried. */
async function follow(api: Api, io: Io, runId: string, deadline: number) {
  const report = progressReporter(io);
  let last: RunDetail | null = null;
  for (;;) {
    try {
      last = runOf(await api.json("GET", `/agent/runs/${encodeURIComponent(runId)}`), true);
      report(last);
      if (TERMINAL.has(last.status)) return { run: last, timedOut: false };
    } catch (error) {
      // A refused key or a vanished run will not get better; a network blip or 5xx may.
      const transient =
        error instanceof CliError && (error.code === "unreachable" || (error.status ?? 0) >= 500);
      if (!transient) throw error;
      io.err(`${error.message} Retrying.`);
    }
    const left = deadline - io.now();
    if (left <= 0) return { run: last, timedOut: true };
    await io.sleep(Math.min(pollMs(io), left));
  }
}

export function verdictOf(run: Run, failOnChanges: boolean): { verdict: Verdict; exit: ExitCode } {
  if (run.status === "succeeded" || run.status === "succeeded_with_errors") {
    if (changeCount(run) === 0) return { verdict: "no_changes", exit: EXIT.ok };
    return { verdict: "changes", exit: failOnChanges ? EXIT.changes : EXIT.ok };
  }
  if (run.status === "cancelled") return { verdict: "cancelled", exit: EXIT.runFailed };
  return { verdict: "failed", exit: EXIT.runFailed };
}

export async function runTrigger(api: Api, io: Io, cmd: TriggerCommand): Promise<TriggerResult> {
  const deadline = io.now() + cmd.timeoutMs;
  const started = await start(api, io, cmd, deadline);
  io.err(`Started run ${started.run_id} (${started.status}): ${started.url}`);
  if (!cmd.wait) {
    return {
      run_id: started.run_id,
      url: started.url,
      status: started.status,
      verdict: "started",
      exit_code: EXIT.ok,
      counts: null,
      changed_pages: [],
      error: null,
      run: null,
    };
  }
  const { run, timedOut } = await follow(api, io, started.run_id, deadline);
  if (timedOut || !run) {
    return {
      run_id: started.run_id,
      url: started.url,
      status: run?.status ?? started.status,
      verdict: "timed_out",
      exit_code: EXIT.runFailed,
      counts: run?.counts ?? null,
      changed_pages: run ? changedPages(run) : [],
      error: `The run did not finish within --timeout (${formatDuration(cmd.timeoutMs)}); it keeps running.`,
      run: run ? withoutPages(run) : null,
    };
  }
  const { verdict, exit } = verdictOf(run, cmd.failOnChanges);
  return {
    run_id: run.id,
    url: run.url,
    status: run.status,
    verdict,
    exit_code: exit,
    counts: run.counts,
    changed_pages: changedPages(run),
    error: run.error,
    run: withoutPages(run),
  };
}
