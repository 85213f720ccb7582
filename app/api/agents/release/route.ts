// /api/agents/release — customer agent program route. Served by the machine API app (lib/machine-api/app.ts).
export { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } from "@/lib/machine-api/next-route";
export const dynamic = "force-dynamic";
