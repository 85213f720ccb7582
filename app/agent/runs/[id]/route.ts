// GET /agent/runs/{id} — Agent API: one run with its counts and per-page changes. A run of
// another team answers 404, exactly like a run that does not exist (CI keys are team-bound).
import { ciKeyRoute } from "@/lib/http/ci-key-route";
import { jsonResponse } from "@/lib/http/handler";
import { runDetailForApi } from "@/lib/runs/api-detail";

export const GET = ciKeyRoute<{ id: string }>(async (_req, { auth, params }) => {
  const { id } = await params;
  return jsonResponse({ data: await runDetailForApi(auth.teamId, id) });
});
