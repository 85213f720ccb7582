// /api/v1/agents/[id] — REST API (customer agents). Served by the machine API app (lib/machine-api/app.ts).
export { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } from "@/lib/machine-api/next-route";
export const dynamic = "force-dynamic";
