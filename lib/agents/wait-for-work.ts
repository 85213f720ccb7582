// In-process wake-ups for long-polling agents. Admission NOTIFYs channel `signaldiff_agent_work`
// with the pool id when it queues an agent run (lib/runs/queue.ts); this process's one LISTEN
// connection (lib/pg-notify.ts) hands the notification to every agent of that pool waiting here,
// and they race to claim the run with SKIP LOCKED. An idle poll costs a timer and a map entry.
// A wait that times out with the listener up the whole time needs no further database check.
import { listenerLive, subscribeChannel } from "@/lib/pg-notify";
import { AGENT_WORK_CHANNEL } from "@/lib/runs/queue";

const waiters = new Map<string, Set<() => void>>();
let subscribed = false;

function wakeAll() {
  for (const set of waiters.values()) for (const wake of set) wake();
}

function ensureSubscribed() {
  if (subscribed) return;
  subscribed = true;
  subscribeChannel(AGENT_WORK_CHANNEL, {
    onPayload: (poolId) => {
      for (const wake of waiters.get(poolId) ?? []) wake();
    },
    // Notifications may have been missed: every waiter checks the database again.
    onReset: wakeAll,
  });
}

/** Starts listening (call early, so the first poll does not race the LISTEN). */
export function listenForAgentWork() {
  ensureSubscribed();
}

/** While the listener is down, waiters re-check the database this often. */
const FALLBACK_RECHECK_MS = 1_000;

/**
 * How a wait ended: "woken" — work may have arrived (a notification for the pool, or the listener
 * reconnected and notifications may have been missed); "recheck" — the listener was down, so the
 * caller must look in the database itself; "timeout" — `ms` passed with the listener up the whole
 * time and no notification, so nothing arrived; "aborted" — `signal` aborted.
 */
export type WaitOutcome = "woken" | "recheck" | "timeout" | "aborted";

/**
 * Resolves when work may have arrived for the pool, after `ms`, or when `signal` aborts —
 * whichever comes first. Unless the outcome is "timeout" or "aborted", the caller tries to claim.
 */
export function waitForPoolWork(
  poolId: string,
  ms: number,
  signal?: AbortSignal,
): Promise<WaitOutcome> {
  ensureSubscribed();
  return new Promise((resolve) => {
    let set = waiters.get(poolId);
    if (!set) waiters.set(poolId, (set = new Set()));
    const live = listenerLive();
    const end = (outcome: WaitOutcome) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      set.delete(onWake);
      if (set.size === 0 && waiters.get(poolId) === set) waiters.delete(poolId);
      resolve(outcome);
    };
    const onWake = () => end("woken");
    const onAbort = () => end("aborted");
    // A reconnect in between wakes every waiter ("woken"), so a full timeout that began with the
    // listener up saw every notification.
    const timer = live
      ? setTimeout(() => end(listenerLive() ? "timeout" : "recheck"), ms)
      : setTimeout(() => end("recheck"), Math.min(ms, FALLBACK_RECHECK_MS));
    set.add(onWake);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort);
  });
}

/** How many agents are waiting in this process (bench and tests). */
export function waitingAgents(): number {
  let n = 0;
  for (const set of waiters.values()) n += set.size;
  return n;
}
