// GET /agent/runs — Agent API: the key's team's runs, newest first (filters, cursor pages).
import { ciKeyRoute } from "@/lib/http/ci-key-route";
import { jsonResponse } from "@/lib/http/handler";
import { listRunsForApi, parseRunListQuery } from "@/lib/runs/api-list";

export const GET = ciKeyRoute(async (req, { auth }) =>
  jsonResponse(await listRunsForApi(auth.teamId, parseRunListQuery(req.nextUrl))),
);
