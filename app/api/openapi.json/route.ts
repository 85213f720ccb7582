// GET /api/openapi.json — the machine API's OpenAPI 3.1 document. Served by the machine API app (lib/machine-api/app.ts).
export { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } from "@/lib/machine-api/next-route";
export const dynamic = "force-dynamic";
