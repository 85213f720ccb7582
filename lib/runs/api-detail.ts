// One run for the machine APIs: its status, counts and per-page changes; and cancelling it.
import { conflict, notFound } from "@/lib/errors";
import { cancelRun } from "@/lib/runs/cancel";
import { runPageToJson, runToJson } from "@/lib/runs/api-view";
import { getRun } from "@/lib/runs/queries";

/** The run with its pages (changed, added and removed first); 404 when the team has no such run. */
export async function runDetailForApi(teamId: string, runId: string) {
  const run = await getRun(teamId, runId);
  if (!run) throw notFound("Run not found.");
  return { ...runToJson(run), pages: run.pages.map(runPageToJson) };
}

/** Cancels a queued or running run; 404 when the team has no such run, 409 when it has ended. */
export async function cancelRunForApi(teamId: string, runId: string, reason: string) {
  const res = await cancelRun(teamId, runId, undefined, reason);
  if (res.ok) return runToJson(res.run);
  if (res.reason === "not_found") throw notFound("Run not found.");
  throw conflict("The run has already finished and cannot be cancelled.");
}
