// The server side of a customer agent's work loop: claim a queued run of the agent's pool (long
// poll), heartbeat it (lease + cancel signal), take page results in bounded batches and finish
// it — completed runs are diffed and stored by the cloud worker's own code (recordRunResults), so an
// agent run's results are indistinguishable from a cloud run's.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import type { CrawledPage } from "@/lib/crawl/crawl";
import { agentWorkerId, type AuthenticatedAgent } from "@/lib/credentials/agents/agents";
import { conflict, notFound } from "@/lib/errors";
import { pgPool } from "@/lib/pg-pool";
import { isPossibleId, withoutNul } from "@/lib/pg-text";
import { recordRunResults } from "@/lib/runs/record-results";
import { emitRunEvent } from "@/lib/runs/run-events";
import { leaseSeconds } from "@/lib/runs/lease";
import { notifyAgentWork } from "@/lib/runs/queue";
import { waitForPoolWork } from "./wait-for-work";

/** Heartbeats during a run come this often, so a cancel reaches the agent within ~1 s. */
export const AGENT_HEARTBEAT_MS = 1_000;
/** The longest a work poll is held open. */
export const MAX_POLL_WAIT_SECONDS = 30;
/** Page batches: at most this many pages per upload request (and the body cap below). */
export const MAX_PAGES_PER_BATCH = 50;
export const UPLOAD_MAX_BYTES = 8 * 1024 * 1024;
/**
 * A run's uploads stop at this many times the site's max pages: room for batches re-sent after a
 * lost answer, while an agent cannot store pages without end.
 */
export const UPLOAD_PAGES_FACTOR = 2;
/** lastSeenAt is written at most this often per agent (online = seen within 60 s). */
const SEEN_WRITE_MS = 10_000;

export type AgentWork = {
  run_id: string;
  site: {
    id: string;
    name: string;
    start_url: string;
    max_pages: number;
    max_depth: number;
    include_patterns: string[];
    exclude_patterns: string[];
    request_timeout_ms: number;
  };
  heartbeat_interval_ms: number;
  lease_seconds: number;
  max_pages_per_batch: number;
};

/** Records that the agent is alive (conditional, so a busy agent writes at most every 10 s). */
export async function touchAgent(agent: AuthenticatedAgent, now = new Date()) {
  if (!seenIsStale(agent, now)) return;
  await db.agent.updateMany({
    where: { id: agent.id, revokedAt: null },
    data: { lastSeenAt: now },
  });
}

// The claim: the oldest queued run of the agent's team and pool, taken with SKIP LOCKED, and — on
// the first claim of a poll — the agent's lastSeenAt (online status) in the same statement. On the
// hot pg pool as a named prepared statement: an idle poll is one credential read and this one
// statement (no Prisma pipeline), then a timer. Timestamps travel as ISO strings read as UTC,
// the way Prisma stores them.
const CLAIM_SQL = `
WITH seen AS (
  UPDATE "Agent" SET "lastSeenAt" = ($5::timestamptz AT TIME ZONE 'UTC')
  WHERE $7::boolean AND id = $1 AND "revokedAt" IS NULL
)
UPDATE "Run" SET status = 'running', "workerId" = $4,
  "startedAt" = ($5::timestamptz AT TIME ZONE 'UTC'),
  "heartbeatAt" = ($5::timestamptz AT TIME ZONE 'UTC'),
  "leaseExpiresAt" = ($6::timestamptz AT TIME ZONE 'UTC'),
  "updatedAt" = ($5::timestamptz AT TIME ZONE 'UTC')
WHERE id = (
  SELECT id FROM "Run"
  WHERE "teamId" = $2 AND "agentPoolId" = $3 AND status = 'queued' AND "executionMode" = 'agent'
    AND EXISTS (SELECT 1 FROM "Agent" a WHERE a.id = $1 AND a."revokedAt" IS NULL
                  AND a."credentialHash" = $8)
  ORDER BY "queuedAt", id
  LIMIT 1
  FOR UPDATE SKIP LOCKED)
RETURNING id, "siteId"`;

/** Whether this request should also record that the agent is alive (at most every 10 s). */
function seenIsStale(agent: AuthenticatedAgent, now: Date) {
  return !agent.lastSeenAt || now.getTime() - agent.lastSeenAt.getTime() >= SEEN_WRITE_MS;
}

/**
 * Takes the oldest queued run of the agent's pool (its team only), or null. Only while the agent
 * still holds the credential its request authenticated with: a long poll admitted before a revoke
 * or a re-enrollment claims nothing (and learns no site) afterwards. `touch` also records the
 * agent as seen now (when that is stale), in the same statement.
 */
export async function claimAgentRun(
  agent: AuthenticatedAgent,
  opts: { touch?: boolean } = {},
): Promise<AgentWork | null> {
  const now = new Date();
  const lease = new Date(now.getTime() + leaseSeconds() * 1000);
  const workerId = agentWorkerId(agent.id);
  const touch = opts.touch === true && seenIsStale(agent, now);
  const { rows } = await pgPool().query<{ id: string; siteId: string }>({
    name: "agent_claim_run_v2",
    text: CLAIM_SQL,
    values: [
      agent.id,
      agent.teamId,
      agent.poolId,
      workerId,
      now.toISOString(),
      lease.toISOString(),
      touch,
      agent.credentialHash,
    ],
  });
  if (touch) agent.lastSeenAt = now;
  const [claimed] = rows;
  if (!claimed) return null;
  const site = await db.site.findFirst({ where: { id: claimed.siteId, teamId: agent.teamId } });
  if (!site || site.deletedAt) {
    await db.run.updateMany({
      where: { id: claimed.id, workerId, status: "running" },
      data: { status: "cancelled", finishedAt: new Date(), error: "Site deleted" },
    });
    return claimAgentRun(agent);
  }
  await db.runLog.create({
    data: {
      runId: claimed.id,
      teamId: agent.teamId,
      level: "info",
      message: `Started on agent ${agent.name}`,
    },
  });
  await emitRunEvent(db, agent.teamId, claimed.id, "run.started");
  return {
    run_id: claimed.id,
    site: {
      id: site.id,
      name: site.name,
      start_url: site.startUrl,
      max_pages: site.maxPages,
      max_depth: site.maxDepth,
      include_patterns: site.includePatterns,
      exclude_patterns: site.excludePatterns,
      request_timeout_ms: site.requestTimeoutMs,
    },
    heartbeat_interval_ms: AGENT_HEARTBEAT_MS,
    lease_seconds: leaseSeconds(),
    max_pages_per_batch: MAX_PAGES_PER_BATCH,
  };
}

/**
 * The long poll: claims work at once if there is some, else waits for the pool's notification
 * (or `waitSeconds`) and tries again. Null when nothing arrived in time.
 */
export async function pollForWork(
  agent: AuthenticatedAgent,
  waitSeconds: number,
  signal?: AbortSignal,
): Promise<AgentWork | null> {
  const deadline = Date.now() + Math.min(waitSeconds, MAX_POLL_WAIT_SECONDS) * 1000;
  for (let first = true; ; first = false) {
    // The agent hung up (it is stopping, or died): claim nothing more for this request.
    if (signal?.aborted) return null;
    const work = await claimAgentRun(agent, { touch: first });
    if (work) {
      // It hung up while the claim ran: the answer can never reach it, so hand the run back now.
      if (signal?.aborted) {
        await handBackClaim(agent, work.run_id);
        return null;
      }
      return work;
    }
    const left = deadline - Date.now();
    if (left <= 0 || signal?.aborted) return null;
    // A full wait with the listener up and no notification: nothing arrived, no need to look.
    const outcome = await waitForPoolWork(agent.poolId, left, signal);
    if (outcome === "timeout" || outcome === "aborted") return null;
  }
}

/**
 * A claimed run whose answer did not reach the agent (its poll connection closed first) goes back
 * to the queue at once instead of failing when its lease lapses (only while this agent holds it).
 */
export async function handBackClaim(agent: AuthenticatedAgent, runId: string): Promise<boolean> {
  return requeueAgentRun(
    agent,
    runId,
    `The claim did not reach agent ${agent.name} (its connection closed): run returned to the queue`,
  );
}

/**
 * The agent is stopping and holds no run it knows of: every run still held under its name is a
 * claim whose answer it never received (the poll was cut as it stopped). All go back to the queue.
 */
export async function releaseAgentRuns(agent: AuthenticatedAgent): Promise<number> {
  const held = await db.run.findMany({
    where: { teamId: agent.teamId, workerId: agentWorkerId(agent.id), status: "running" },
    select: { id: true },
  });
  let returned = 0;
  for (const run of held) if (await handBackClaim(agent, run.id)) returned++;
  return returned;
}

const owned = (agent: AuthenticatedAgent, runId: string) => ({
  id: runId,
  teamId: agent.teamId,
  workerId: agentWorkerId(agent.id),
  status: "running" as const,
});

async function assertRunOfAgent(agent: AuthenticatedAgent, runId: string) {
  const run = isPossibleId(runId)
    ? await db.run.findFirst({
        where: { id: runId, teamId: agent.teamId, workerId: agentWorkerId(agent.id) },
        select: {
          id: true,
          status: true,
          siteId: true,
          teamId: true,
          site: { select: { maxPages: true } },
        },
      })
    : null;
  if (!run) throw notFound("Run not found for this agent.");
  return run;
}

export const heartbeatBodySchema = z
  .object({
    pages_done: z.number().int().min(0).max(100_000).optional(),
    pages_planned: z.number().int().min(0).max(100_000).optional(),
  })
  .strict();

/** Extends the lease. `cancel: true` tells the agent to stop (cancelled, reaped or re-assigned). */
export async function heartbeatAgentRun(
  agent: AuthenticatedAgent,
  runId: string,
  progress: z.infer<typeof heartbeatBodySchema>,
): Promise<{ cancel: boolean }> {
  const now = new Date();
  const { count } = isPossibleId(runId)
    ? await db.run.updateMany({
        where: owned(agent, runId),
        data: {
          heartbeatAt: now,
          leaseExpiresAt: new Date(now.getTime() + leaseSeconds() * 1000),
          ...(progress.pages_planned !== undefined ? { pagesPlanned: progress.pages_planned } : {}),
        },
      })
    : { count: 0 };
  void touchAgent(agent, now).catch(() => undefined);
  if (count === 1) return { cancel: false };
  await assertRunOfAgent(agent, runId);
  return { cancel: true };
}

const pageText = (label: string, max: number) =>
  withoutNul(z.string().max(max, `${label} is at most ${max} characters.`), label).nullable();

export const uploadedPageSchema = z
  .object({
    url: withoutNul(z.url({ protocol: /^https?$/ }).max(4000), "url"),
    depth: z.number().int().min(0).max(100),
    http_status: z.number().int().min(100).max(999).nullable(),
    content_type: pageText("content_type", 500),
    title: pageText("title", 2000),
    text: pageText("text", 200_000),
    text_hash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
    links: z.array(z.string().max(4000)).max(500),
    duration_ms: z.number().int().min(0).max(3_600_000),
    error: pageText("error", 2000),
  })
  .strict();

export const uploadBodySchema = z
  .object({ pages: z.array(uploadedPageSchema).min(1).max(MAX_PAGES_PER_BATCH) })
  .strict();

/** Stores one batch of page results for the agent's running run. */
export async function uploadAgentPages(
  agent: AuthenticatedAgent,
  runId: string,
  body: z.infer<typeof uploadBodySchema>,
): Promise<{ accepted: number; cancel: boolean }> {
  const pages: CrawledPage[] = body.pages.map((p) => ({
    url: p.url,
    depth: p.depth,
    httpStatus: p.http_status,
    contentType: p.content_type,
    title: p.title,
    text: p.text,
    textHash: p.text_hash,
    links: p.links,
    durationMs: p.duration_ms,
    error: p.error,
  }));
  // One statement on the hot pool: count the pages on the run and store the batch, only while the
  // run is still this agent's and running and its uploads stay within UPLOAD_PAGES_FACTOR × the
  // site's max pages. (A re-sent batch is stored again; finish keeps one copy of each URL.)
  const { rowCount } = await pgPool().query({
    name: "agent_upload_pages_v2",
    text: UPLOAD_SQL,
    values: [
      runId,
      agent.teamId,
      agentWorkerId(agent.id),
      randomUUID(),
      pages.length,
      JSON.stringify(pages),
      UPLOAD_PAGES_FACTOR,
    ],
  });
  if (rowCount === 1) return { accepted: pages.length, cancel: false };
  const run = await assertRunOfAgent(agent, runId); // 404 when it never was this agent's run
  if (run.status === "running") {
    // Still this agent's running run, so the batch was refused by the cap.
    const limit = UPLOAD_PAGES_FACTOR * run.site.maxPages;
    throw conflict(
      `Too many pages uploaded for this run: the site crawls at most ${run.site.maxPages} pages, and uploads (re-sent batches included) stop at ${limit}.`,
    );
  }
  return { accepted: 0, cancel: true };
}

const UPLOAD_SQL = `
WITH counted AS (
  UPDATE "Run" r SET "pagesDone" = r."pagesDone" + $5
  FROM "Site" s
  WHERE r.id = $1 AND r."teamId" = $2 AND r."workerId" = $3 AND r.status = 'running'
    AND s.id = r."siteId" AND r."pagesDone" + $5 <= $7 * s."maxPages"
  RETURNING r.id
)
INSERT INTO "AgentRunUpload" (id, "runId", "teamId", "pageCount", pages)
SELECT $4, id, $2, $5, $6::jsonb FROM counted`;

export const finishBodySchema = z
  .object({
    outcome: z.enum(["completed", "failed", "returned"], {
      error: 'outcome must be "completed", "failed" or "returned".',
    }),
    error: withoutNul(z.string().trim().min(1).max(2000), "error").optional(),
  })
  .strict();

export type FinishResult = { status: string };

/**
 * Ends the agent's run: "completed" diffs and stores the uploaded pages (recordRunResults, the cloud
 * worker's code), "failed" records the agent's reason, "returned" puts the run back in the
 * queue for another agent of the pool (the agent is shutting down).
 */
export async function finishAgentRun(
  agent: AuthenticatedAgent,
  runId: string,
  body: z.infer<typeof finishBodySchema>,
): Promise<FinishResult> {
  const run = await assertRunOfAgent(agent, runId);
  const where = owned(agent, runId);
  const current = async () =>
    ({
      status:
        (await db.run.findFirst({ where: { id: runId }, select: { status: true } }))?.status ??
        "unknown",
    }) as FinishResult;
  if (run.status !== "running") {
    await dropUploads(runId, agent.teamId);
    return { status: run.status };
  }
  if (body.outcome === "completed") {
    // On the hot pool: node-pg hands the JSON to JSON.parse, no Prisma pipeline for 500 pages.
    const { rows: uploads } = await pgPool().query<{ pages: CrawledPage[] }>({
      name: "agent_read_uploads_v1",
      text: `SELECT pages FROM "AgentRunUpload" WHERE "runId" = $1 AND "teamId" = $2
        ORDER BY "createdAt", id`,
      values: [runId, agent.teamId],
    });
    // A batch the agent re-sent after a lost answer is stored twice: the last copy of a URL wins.
    const byUrl = new Map<string, CrawledPage>();
    for (const u of uploads) for (const p of u.pages) byUrl.set(p.url, p);
    const result = await recordRunResults({
      runId,
      teamId: agent.teamId,
      siteId: run.siteId,
      pages: [...byUrl.values()],
      guard: where,
    });
    await dropUploads(runId, agent.teamId);
    return result.committed ? { status: result.status } : current();
  }
  if (body.outcome === "failed") {
    const message = body.error ?? `Agent ${agent.name} could not crawl the site.`;
    const { count } = await db.run.updateMany({
      where,
      data: { status: "failed", error: message, finishedAt: new Date(), leaseExpiresAt: null },
    });
    if (count === 1) {
      await db.runLog.create({
        data: { runId, teamId: agent.teamId, level: "error", message },
      });
      await emitRunEvent(db, agent.teamId, runId, "run.failed");
    }
    await dropUploads(runId, agent.teamId);
    return current();
  }
  const returned = await requeueAgentRun(
    agent,
    runId,
    `Agent ${agent.name} shutting down: run returned to the queue`,
  );
  if (!returned) throw conflict("The run is no longer running on this agent.");
  return { status: "queued" };
}

/** Puts a run this agent holds back in the queue (its uploads dropped) and wakes the pool. */
async function requeueAgentRun(
  agent: AuthenticatedAgent,
  runId: string,
  message: string,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.run.updateMany({
      where: owned(agent, runId),
      data: {
        status: "queued",
        workerId: null,
        startedAt: null,
        heartbeatAt: null,
        leaseExpiresAt: null,
        pagesDone: 0,
        pagesPlanned: 0,
      },
    });
    if (count === 0) return false;
    await tx.agentRunUpload.deleteMany({ where: { runId, teamId: agent.teamId } });
    await tx.runLog.create({ data: { runId, teamId: agent.teamId, level: "warn", message } });
    await notifyAgentWork(tx, agent.poolId);
    return true;
  });
}

async function dropUploads(runId: string, teamId: string) {
  await db.agentRunUpload.deleteMany({ where: { runId, teamId } });
}
