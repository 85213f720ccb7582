// POST /api/trigger/ci — start a run from CI with the team's CI API key. Served by the machine API app (lib/machine-api/app.ts).
export { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } from "@/lib/machine-api/next-route";
export const dynamic = "force-dynamic";
