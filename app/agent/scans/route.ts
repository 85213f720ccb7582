// POST /agent/scans — Agent API: start a scan (a run) with the CI API key, like the CI trigger.
import { ciKeyRoute } from "@/lib/http/ci-key-route";
import { jsonResponse, readJson } from "@/lib/http/handler";
import {
  startRunFromApi,
  TRIGGER_MAX_BYTES,
  triggerBodySchema,
  triggerInput,
} from "@/lib/runs/start-from-api";

export const POST = ciKeyRoute(async (req, { auth }) => {
  const body = await readJson(req, triggerBodySchema, { maxBytes: TRIGGER_MAX_BYTES });
  const started = await startRunFromApi({
    ...triggerInput(body),
    teamId: auth.teamId,
    source: "agent_api",
    ciApiKeyId: auth.key.id,
  });
  return jsonResponse(started, { status: 202 });
});
