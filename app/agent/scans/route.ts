// POST /agent/scans — Agent API: start a scan (a run) with the CI API key, like the CI trigger.
import { triggerRoute } from "@/lib/http/trigger-route";

export const POST = triggerRoute("agent_api");
