// POST /api/trigger/ci — start a run from CI with the team's CI API key (x-ci-api-key).
import { triggerRoute } from "@/lib/http/trigger-route";

export const POST = triggerRoute("ci");
