// The launcher's children: each runs in its own process group (so a Ctrl-C or a signal to the
// launcher's group reaches only the launcher, which then stops them in order), dies with the
// launcher if it is killed outright (scripts/exit-with-parent.mjs), and a supervised child (the
// crawl worker) is restarted with backoff when it dies.
import type { ChildProcess, SpawnOptions } from "node:child_process";
import path from "node:path";

export type ServiceName = "web" | "worker" | "stripe";

const log = (message: string) => console.error(`[launcher] ${message}`);

/** Spawn options for a child: own process group, watching the launcher's pid. */
export function childOptions(env: NodeJS.ProcessEnv): SpawnOptions {
  // Quoted: NODE_OPTIONS splits on spaces, and the checkout's path may contain one.
  const preload = `--import "${path.join(import.meta.dirname, "exit-with-parent.mjs")}"`;
  return {
    stdio: "inherit",
    detached: true,
    env: {
      ...env,
      SIGNALDIFF_EXIT_WITH_PARENT: "1",
      NODE_OPTIONS: [env.NODE_OPTIONS, preload].filter(Boolean).join(" "),
    },
  };
}

const running = new Map<ServiceName, ChildProcess>();
let stopping = false;

export const isStopping = () => stopping;

/** Registers a started child; returns it. */
export function track(name: ServiceName, child: ChildProcess): ChildProcess {
  running.set(name, child);
  log(`${name} started (pid ${child.pid})`);
  child.once("exit", () => {
    if (running.get(name) === child) running.delete(name);
  });
  return child;
}

export type Backoff = { firstMs: number; maxMs: number; stableMs: number };
export const WORKER_BACKOFF: Backoff = { firstMs: 1000, maxMs: 30_000, stableMs: 60_000 };

/**
 * Keeps a child running: when it exits while the launcher is not stopping, it is started again
 * after a delay that doubles on each quick failure (reset once it has run `stableMs`).
 */
export function supervise(name: ServiceName, start: () => ChildProcess, backoff = WORKER_BACKOFF) {
  let delay = backoff.firstMs;
  let restarts = 0;
  const launch = () => {
    if (stopping) return;
    const child = track(name, start());
    const startedAt = Date.now();
    child.once("exit", (code, signal) => {
      if (stopping) return;
      if (Date.now() - startedAt >= backoff.stableMs) delay = backoff.firstMs;
      restarts += 1;
      log(
        `${name} (pid ${child.pid}) exited with ${signal ?? `code ${code}`}; restarting in ${delay / 1000} s (restart ${restarts})`,
      );
      setTimeout(launch, delay);
      delay = Math.min(delay * 2, backoff.maxMs);
    });
  };
  launch();
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    // Detached children lead their own group: the signal reaches their helpers too (tsx).
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** Sends SIGTERM to one child's group and waits for it; SIGKILL after `timeoutMs`. */
async function stopOne(name: ServiceName, timeoutMs: number) {
  const child = running.get(name);
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  signalGroup(child, "SIGTERM");
  const timer = setTimeout(() => {
    log(`${name} (pid ${child.pid}) did not stop within ${timeoutMs / 1000} s; killing it`);
    signalGroup(child, "SIGKILL");
  }, timeoutMs);
  await exited;
  clearTimeout(timer);
  log(`${name} stopped`);
}

/**
 * Stops the children in order: the web server first (no new runs are admitted), then the worker
 * (it finishes or re-queues its runs, which needs the database), then the helpers. The caller
 * stops the database afterwards.
 */
export async function stopAll(timeouts: Record<ServiceName, number>) {
  stopping = true;
  for (const name of ["web", "worker", "stripe"] as const) await stopOne(name, timeouts[name]);
}

/** Calls `onOrphaned` when the launcher's own parent (npm, tsx) disappears. */
export function watchOwnParent(onOrphaned: () => void) {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    log(`parent process ${parent} is gone; stopping`);
    onOrphaned();
  }, 500);
  timer.unref();
}
