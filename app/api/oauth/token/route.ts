// POST /api/oauth/token — OAuth 2.0 client credentials → JWT bearer token. Served by the machine API app (lib/machine-api/app.ts).
export { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } from "@/lib/machine-api/next-route";
export const dynamic = "force-dynamic";
