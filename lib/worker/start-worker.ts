// A crawl worker: graphile-worker pulls crawl jobs from PostgreSQL (LISTEN/NOTIFY, so a queued
// run starts within milliseconds), and a maintenance loop reaps lapsed leases and starts due
// schedules. stop() is the graceful shutdown: running crawls get a grace period to finish, then
// they are handed back to the queue for another worker.
//
// Scheduled jobs are graphile-worker cron items (`crontab` below), each fired once per tick across
// all workers: the notice producer (lib/notices/task.ts) every 5 minutes, snapshot retention
// (lib/runs/retention.ts) every 15.
//
// The lease sweeper runs on its own short timer in every worker, for every team: a run whose
// worker died (SIGKILL, OOM, a lost machine) is failed with a reason within the lease plus one
// sweep, whatever the schedule interval and whether or not anyone starts a run for that team.
import { randomBytes } from "node:crypto";
import { run, type Runner } from "graphile-worker";
import pg from "pg";
import { env } from "@/lib/env";
import { createHttpFetcher, type Fetcher } from "@/lib/crawl/fetcher";
import { logger } from "@/lib/log";
import { NOTICES_CRONTAB, PRODUCE_NOTICES_TASK, produceNoticesTask } from "@/lib/notices/task";
import { executeRun, ShutdownSignal } from "@/lib/runs/execute-run";
import { reapExpiredLeases } from "@/lib/runs/lease";
import { CRAWL_TASK, quietLogger } from "@/lib/runs/queue";
import { PRUNE_CRONTAB, PRUNE_TASK, pruneSnapshots } from "@/lib/runs/retention";
import { runDueSchedules } from "@/lib/schedules/run-due";
import { webhookTask } from "@/lib/worker/webhook-task";
import { requeueStalledDeliveries, WEBHOOK_TASK } from "@/lib/webhooks/queue";

export type WorkerOptions = {
  connectionString?: string;
  workerId?: string;
  concurrency?: number;
  crawlConcurrency?: number;
  fetcher?: Fetcher;
  graceMs?: number;
  maintenanceIntervalMs?: number;
  /** How often expired leases are swept (default: the maintenance interval, at most 10 s). */
  sweepIntervalMs?: number;
  /** Webhook delivery overrides (tests: a short timeout, a fixed clock). */
  webhooks?: Parameters<typeof webhookTask>[0];
  /** A delivery job locked this long has a dead worker: sent again (default 60 s). */
  webhookStalledAfterMs?: number;
};

/**
 * The queue's connection pool (graphile-worker's; separate from Prisma's): one held for LISTEN,
 * one per concurrent job while it is fetched and completed, one for cron. Its default of 10 is
 * too small once the concurrency nears it: jobs would wait for a connection to be claimed.
 */
export function queuePoolSize(concurrency: number): number {
  return Math.max(10, concurrency + 2);
}

/** A sweep at least this often keeps "failed within lease + 15 s" with margin. */
export const MAX_SWEEP_INTERVAL_MS = 10_000;

export type CrawlWorker = {
  workerId: string;
  runner: Runner;
  /** Runs currently being crawled by this worker. */
  active: () => number;
  stop: () => Promise<void>;
};

export async function startWorker(opts: WorkerOptions = {}): Promise<CrawlWorker> {
  const e = env();
  const workerId = opts.workerId ?? `worker-${randomBytes(4).toString("hex")}`;
  const fetcher =
    opts.fetcher ??
    createHttpFetcher({
      allowPrivateNetworks: e.CRAWL_ALLOW_PRIVATE_NETWORKS,
      allowHosts: e.CRAWL_ALLOW_HOSTS,
    });
  const shutdown = new AbortController();
  const inFlight = new Set<string>();
  const log = logger.child({ workerId });

  const concurrency = opts.concurrency ?? e.WORKER_CONCURRENCY;
  // The queue's pool is ours, not graphile-worker's: stop() closes it and waits for every
  // connection to go, so nothing of the worker is left when its database is dropped or the
  // process exits. A connection the server drops (restart, failover) is logged, never fatal.
  const queuePool = new pg.Pool({
    connectionString: opts.connectionString ?? e.DATABASE_URL,
    max: queuePoolSize(concurrency),
  });
  queuePool.on("error", (err) => log.warn({ err }, "idle queue connection lost"));
  queuePool.on("connect", (client) =>
    client.on("error", (err) => log.warn({ err }, "queue connection lost")),
  );
  const runner = await run({
    pgPool: queuePool,
    concurrency,
    noHandleSignals: true,
    pollInterval: 2000,
    logger: quietLogger(),
    // Snapshot retention (lib/runs/retention.ts): graphile-worker fires each cron item once
    // across all workers; deleting a site or setting retention also enqueues it at once.
    crontab: [PRUNE_CRONTAB, NOTICES_CRONTAB].join("\n"),
    taskList: {
      [PRUNE_TASK]: async () => {
        const result = await pruneSnapshots();
        if (result.runs > 0) log.info(result, "pruned page snapshots");
      },
      [PRODUCE_NOTICES_TASK]: produceNoticesTask,
      [CRAWL_TASK]: async (payload) => {
        const runId = (payload as { runId?: unknown } | null)?.runId;
        if (typeof runId !== "string") return;
        inFlight.add(runId);
        try {
          const outcome = await executeRun(runId, {
            fetcher,
            workerId,
            concurrency: opts.crawlConcurrency ?? e.CRAWL_CONCURRENCY,
            shutdown: shutdown.signal,
          });
          log.info({ runId, outcome }, "run finished");
        } finally {
          inFlight.delete(runId);
        }
      },
      [WEBHOOK_TASK]: webhookTask(opts.webhooks),
    },
  }).catch(async (error: unknown) => {
    await queuePool.end();
    throw error;
  });

  /** Runs `task` unless its previous run is still going; failures are logged, never thrown. */
  const exclusive = (name: string, task: () => Promise<void>) => {
    let busy = false;
    return async () => {
      if (busy) return;
      busy = true;
      try {
        await task();
      } catch (err) {
        log.error({ err }, `${name} failed`);
      } finally {
        busy = false;
      }
    };
  };
  const sweep = exclusive("lease sweep", async () => {
    const reaped = await reapExpiredLeases();
    if (reaped.length) log.warn({ runIds: reaped }, "failed runs whose worker stopped");
    const requeued = await requeueStalledDeliveries(opts.webhookStalledAfterMs);
    if (requeued.length)
      log.warn({ deliveryIds: requeued }, "re-queued webhook deliveries whose worker stopped");
  });
  const schedule = exclusive("schedules", async () => {
    await runDueSchedules();
  });
  const maintenanceMs = opts.maintenanceIntervalMs ?? e.WORKER_SCHEDULER_INTERVAL_MS;
  const sweepMs = opts.sweepIntervalMs ?? Math.min(maintenanceMs, MAX_SWEEP_INTERVAL_MS);
  void sweep().then(schedule);
  const timers = [
    setInterval(() => void sweep(), sweepMs),
    setInterval(() => void schedule(), maintenanceMs),
  ];

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      for (const t of timers) clearInterval(t);
      const graceMs = opts.graceMs ?? e.WORKER_SHUTDOWN_GRACE_MS;
      const deadline = setTimeout(() => shutdown.abort(new ShutdownSignal()), graceMs);
      // graphile-worker stops taking jobs at once and resolves when running jobs are done:
      // finished within the grace period, or re-queued when it ran out.
      await runner.stop();
      clearTimeout(deadline);
      await queuePool.end();
    })();
    return stopping;
  };

  return { workerId, runner, active: () => inFlight.size, stop };
}
