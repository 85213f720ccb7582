// POST /agent/runs/{id}/cancel — Agent API: cancel a queued or running run of the key's team.
import { ciKeyRoute } from "@/lib/http/ci-key-route";
import { jsonResponse } from "@/lib/http/handler";
import { cancelRunForApi } from "@/lib/runs/api-detail";

export const POST = ciKeyRoute<{ id: string }>(async (_req, { auth, params }) => {
  const { id } = await params;
  const run = await cancelRunForApi(
    auth.teamId,
    id,
    `Cancelled through the Agent API (key ${auth.key.prefix}…)`,
  );
  return jsonResponse({ data: run });
});
