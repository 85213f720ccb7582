// The customer agent: enroll once, then long-poll the server for runs of its pool, crawl each
// with the cloud worker's own crawler (lib/crawl) — private addresses allowed, cloud-metadata
// addresses refused unless allowed — upload pages in bounded batches while crawling, heartbeat
// (a cancel arrives within a heartbeat), and finish. Network failures are retried with backoff;
// a 401 (revoked, or replaced by a re-enrollment) stops the agent.
import os from "node:os";
import { crawl, CrawlError, type CrawledPage } from "@/lib/crawl/crawl";
import { createHttpFetcher, type Fetcher } from "@/lib/crawl/fetcher";
import { createClient, ServerError, Unauthorized, type UploadPage, type Work } from "./client";
import type { Logger } from "./log";
import { readState, tokenHash, writeState, type AgentState } from "./state";
import { AGENT_VERSION } from "./version";

export type AgentOptions = {
  url: string;
  stateDir: string;
  enrollToken?: string;
  name?: string;
  allowMetadata?: boolean;
  concurrency?: number;
  /** How long a run may keep going after stop() before it is returned to the queue. */
  graceMs?: number;
  pollWaitSeconds?: number;
  log: Logger;
  fetcher?: Fetcher;
};

/** Upload batches stay well under the server's caps (50 pages, 8 MiB). */
const BATCH_BYTES = 2 * 1024 * 1024;
const MAX_BACKOFF_MS = 30_000;

class Cancelled extends Error {
  constructor(readonly why: "cancelled" | "shutdown") {
    super(why);
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done);
  });

const toUpload = (p: CrawledPage): UploadPage => ({
  url: p.url,
  depth: p.depth,
  http_status: p.httpStatus,
  content_type: p.contentType,
  title: p.title,
  text: p.text,
  text_hash: p.textHash,
  links: p.links,
  duration_ms: p.durationMs,
  error: p.error,
});

export type RunningAgent = {
  /** Resolves when the agent has stopped (exit code: 0 clean, 3 credential refused). */
  done: Promise<number>;
  /** Finish or return the current run, then stop. */
  stop: () => void;
};

export function startAgent(o: AgentOptions): RunningAgent {
  const { log } = o;
  const stopping = new AbortController();
  let state: AgentState | null = readState(o.stateDir);
  const client = createClient(o.url, () => state?.credential ?? null);
  const fetcher =
    o.fetcher ??
    createHttpFetcher({ allowPrivateNetworks: true, refuseMetadata: !o.allowMetadata });

  async function withRetry<T>(
    what: string,
    fn: () => Promise<T>,
    opts: { untilStopped?: boolean } = {},
  ): Promise<T> {
    for (let attempt = 0, wait = 500; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (err instanceof Unauthorized) throw err;
        if (err instanceof ServerError && err.status < 500 && err.status !== 429) throw err;
        if (attempt >= 6) throw err;
        log("warn", `${what} failed; retrying`, { error: (err as Error).message, in_ms: wait });
        await sleep(wait, opts.untilStopped ? stopping.signal : undefined);
        if (opts.untilStopped && stopping.signal.aborted) throw err;
        wait = Math.min(wait * 2, 10_000);
      }
    }
  }

  async function enrollIfNeeded() {
    const token = o.enrollToken;
    const sameServer = state && state.url.replace(/\/+$/, "") === o.url.replace(/\/+$/, "");
    if (token && (!state || !sameServer || state.enrollmentTokenHash !== tokenHash(token))) {
      const name = o.name ?? state?.name ?? os.hostname();
      log("info", "enrolling", { url: o.url, name });
      const enrolled = await withRetry(
        "enroll",
        () => client.enroll({ token, name, hostname: os.hostname(), version: AGENT_VERSION }),
        { untilStopped: true },
      );
      state = {
        url: o.url,
        agentId: enrolled.agent_id,
        name: enrolled.name,
        poolId: enrolled.pool_id,
        poolName: enrolled.pool_name,
        credential: enrolled.credential,
        enrollmentTokenHash: tokenHash(token),
        enrolledAt: new Date().toISOString(),
      };
      writeState(o.stateDir, state);
      log("info", enrolled.re_enrolled ? "re-enrolled" : "enrolled", {
        agent: enrolled.name,
        pool: enrolled.pool_name,
        state_file: `${o.stateDir}/agent.json`,
      });
    }
    if (!state)
      throw new Error(
        `No agent state in ${o.stateDir}: enroll first with --enroll <sce_ token> (from the Customer agents page).`,
      );
    if (!sameServer && !token)
      throw new Error(`The state in ${o.stateDir} belongs to ${state.url}, not ${o.url}.`);
  }

  async function runOne(work: Work) {
    const runId = work.run_id;
    log("info", "run claimed", {
      run: runId,
      site: work.site.name,
      start_url: work.site.start_url,
    });
    const controller = new AbortController();
    let planned = 0;
    let done = 0;
    const queue: UploadPage[] = [];
    let queuedBytes = 0;
    let uploading: Promise<void> = Promise.resolve();
    let uploadError: Error | null = null;

    const flush = () => {
      if (!queue.length) return;
      const batch = queue.splice(0, Math.min(queue.length, work.max_pages_per_batch));
      queuedBytes = queue.reduce((n, p) => n + (p.text?.length ?? 0), 0);
      uploading = uploading.then(async () => {
        if (uploadError) return;
        try {
          const res = await withRetry("upload", () => client.upload(runId, batch));
          log("debug", "uploaded pages", { run: runId, pages: res.accepted });
          if (res.cancel && !controller.signal.aborted)
            controller.abort(new Cancelled("cancelled"));
        } catch (err) {
          uploadError = err as Error;
          if (!controller.signal.aborted) controller.abort(err);
        }
      });
    };

    const beat = setInterval(() => {
      void client.heartbeat(runId, { pages_done: done, pages_planned: planned }).then(
        (res) => {
          if (res.cancel && !controller.signal.aborted) {
            log("warn", "run cancelled on the server; stopping", { run: runId });
            controller.abort(new Cancelled("cancelled"));
          }
        },
        (err: Error) => {
          if (err instanceof Unauthorized) controller.abort(err);
          else log("warn", "heartbeat failed", { run: runId, error: err.message });
        },
      );
    }, work.heartbeat_interval_ms);

    let graceTimer: NodeJS.Timeout | undefined;
    const onStop = () => {
      log("info", "stopping: finishing the current run first", { run: runId, grace_ms: o.graceMs });
      graceTimer = setTimeout(
        () => controller.abort(new Cancelled("shutdown")),
        o.graceMs ?? 10_000,
      );
    };
    stopping.signal.addEventListener("abort", onStop);
    if (stopping.signal.aborted) onStop();
    try {
      await crawl(
        fetcher,
        {
          startUrl: work.site.start_url,
          maxPages: work.site.max_pages,
          maxDepth: work.site.max_depth,
          includePatterns: work.site.include_patterns,
          excludePatterns: work.site.exclude_patterns,
          requestTimeoutMs: work.site.request_timeout_ms,
        },
        {
          concurrency: o.concurrency ?? 6,
          signal: controller.signal,
          onProgress: (p) => {
            planned = p.planned;
            done = p.done;
          },
          onPage: (page) => {
            const up = toUpload(page);
            queue.push(up);
            queuedBytes += up.text?.length ?? 0;
            if (queue.length >= work.max_pages_per_batch || queuedBytes >= BATCH_BYTES) flush();
          },
        },
      );
      flush();
      await uploading;
      if (uploadError) throw uploadError;
      const res = await withRetry("finish", () => client.finish(runId, "completed"));
      log("info", "run finished", { run: runId, status: res.status, pages: done });
    } catch (err) {
      await uploading;
      const reason = controller.signal.reason as unknown;
      if (err instanceof Unauthorized || reason instanceof Unauthorized) throw reason ?? err;
      if (reason instanceof Cancelled && reason.why === "shutdown") {
        await withRetry("return", () => client.finish(runId, "returned")).catch((e: Error) =>
          log("error", "could not return the run", { run: runId, error: e.message }),
        );
        log("warn", "run returned to the queue (shutting down)", { run: runId });
      } else if (reason instanceof Cancelled) {
        await client.finish(runId, "failed", "cancelled").catch(() => undefined);
        log("info", "run stopped", { run: runId });
      } else {
        const message =
          err instanceof CrawlError
            ? err.message
            : `Agent ${state?.name ?? ""} could not crawl: ${(err as Error).message}`;
        await withRetry("finish", () => client.finish(runId, "failed", message)).catch(() => {});
        log("error", "run failed", { run: runId, error: message });
      }
    } finally {
      clearInterval(beat);
      clearTimeout(graceTimer);
      stopping.signal.removeEventListener("abort", onStop);
    }
  }

  async function loop(): Promise<number> {
    try {
      await enrollIfNeeded();
    } catch (err) {
      log(
        "error",
        err instanceof Unauthorized
          ? "enrollment token refused (expired, already used or mistyped): create a new one on the Customer agents page"
          : (err as Error).message,
      );
      return err instanceof Unauthorized ? 3 : 2;
    }
    log("info", "waiting for work", { agent: state?.name, pool: state?.poolName, url: o.url });
    let backoff = 1000;
    while (!stopping.signal.aborted) {
      try {
        const { run } = await client.poll(o.pollWaitSeconds ?? 25, stopping.signal);
        backoff = 1000;
        if (run) await runOne(run);
      } catch (err) {
        if (stopping.signal.aborted) break;
        if (err instanceof Unauthorized) {
          log(
            "error",
            "agent credential refused (revoked, or replaced by a re-enrollment); enroll again with a new token",
            {},
          );
          return 3;
        }
        const wait = Math.round(backoff * (0.8 + Math.random() * 0.4));
        log("warn", "server unreachable; reconnecting", {
          error: (err as Error).message,
          in_ms: wait,
        });
        await sleep(wait, stopping.signal);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
    // A poll cut by the stop may have claimed a run whose answer never arrived: hand it back now
    // rather than leave it to the lease (best effort, bounded).
    await client.release(AbortSignal.timeout(5_000)).then(
      (res) => {
        if (res.returned > 0)
          log("warn", "returned runs claimed as the agent stopped", { runs: res.returned });
      },
      (err: Error) =>
        log("warn", "could not release runs held by this agent", { error: err.message }),
    );
    log("info", "stopped");
    return 0;
  }

  return { done: loop(), stop: () => stopping.abort() };
}
