// One step of a test run as a child process in its own process group, so an interrupted run can
// end the whole tree it started (npm → vitest → forks, playwright → web servers) before the
// database under it goes away.
import { spawn } from "node:child_process";

export type StepProcess = {
  pid: number | undefined;
  /** Resolves with the exit code (128 + signal number when killed by a signal). */
  exited: Promise<number>;
  /** Sends `signal` to the step's process group; SIGKILL follows after `graceMs`. */
  interrupt: (signal: NodeJS.Signals) => void;
};

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGKILL: 9,
  SIGTERM: 15,
};

export function exitCodeForSignal(signal: NodeJS.Signals): number {
  return 128 + (SIGNAL_NUMBERS[signal] ?? 1);
}

function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

export function startStep(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  graceMs = Number(process.env.TEST_RUNNER_GRACE_MS || 10_000),
): StepProcess {
  // detached: a new session and process group. Ctrl-C in a terminal then reaches only the
  // runner, which forwards it here and cleans up in order.
  const child = spawn(command, args, {
    stdio: ["ignore", "inherit", "inherit"],
    env,
    detached: true,
  });
  let interrupted = false;
  let killTimer: NodeJS.Timeout | undefined;
  const exited = new Promise<number>((resolve) => {
    child.once("error", (error) => {
      console.error(`Could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.once("exit", (code, signal) => {
      if (killTimer) clearTimeout(killTimer);
      // Whatever the step left behind in its group must not outlive an interrupted run.
      if (interrupted && child.pid) killGroup(child.pid, "SIGKILL");
      resolve(code ?? exitCodeForSignal(signal ?? "SIGTERM"));
    });
  });
  return {
    pid: child.pid,
    exited,
    interrupt(signal) {
      if (!child.pid) return;
      const pid = child.pid;
      if (interrupted) return killGroup(pid, "SIGKILL"); // a second signal: no more waiting
      interrupted = true;
      killGroup(pid, signal);
      killTimer = setTimeout(() => killGroup(pid, "SIGKILL"), graceMs);
    },
  };
}
