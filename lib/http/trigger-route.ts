// The CI trigger and the Agent API's scans share one handler: same body, same admission, same
// answers; only the run's source differs.
import { ciKeyRoute } from "@/lib/http/ci-key-route";
import { jsonResponse, readJson } from "@/lib/http/handler";
import {
  startRunFromApi,
  TRIGGER_MAX_BYTES,
  triggerBodySchema,
  triggerInput,
} from "@/lib/runs/start-from-api";

export function triggerRoute(source: "ci" | "agent_api") {
  return ciKeyRoute(async (req, { auth }) => {
    const body = await readJson(req, triggerBodySchema, { maxBytes: TRIGGER_MAX_BYTES });
    const started = await startRunFromApi({
      ...triggerInput(body),
      teamId: auth.teamId,
      source,
      ciApiKeyId: auth.key.id,
    });
    return jsonResponse(started, { status: 202 });
  });
}
