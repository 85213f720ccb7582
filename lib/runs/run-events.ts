// run.started / run.succeeded / run.failed / run.cancelled: the run's counts and its page URL,
// read in the caller's transaction so the event describes the state that commits with it.
import { db, type Tx } from "@/lib/db";
import { runPageUrl } from "@/lib/runs/api-view";
import { emitEvent } from "@/lib/webhooks/emit-event";

export type RunEventType = "run.started" | "run.succeeded" | "run.failed" | "run.cancelled";

export async function emitRunEvent(
  client: Tx | typeof db,
  teamId: string,
  runId: string,
  type: RunEventType,
  /** When the event happened (default now; the demo seed dates its history). */
  now?: Date,
) {
  const run = await client.run.findFirst({ where: { id: runId, teamId } });
  if (!run) return null;
  return emitEvent(client, {
    teamId,
    type,
    data: {
      run_id: run.id,
      site_id: run.siteId,
      status: run.status,
      source: run.source,
      commit_sha: run.commitSha,
      error: run.error,
      counts: {
        changed: run.pagesChanged,
        added: run.pagesAdded,
        removed: run.pagesRemoved,
        failed: run.pagesErrored,
      },
      url: runPageUrl(run.id),
    },
    now,
  });
}
