// GET /.well-known/jwks.json — public keys that verify our bearer tokens.
import { apiRoute, jsonResponse } from "@/lib/http/handler";
import { publicJwks } from "@/lib/credentials/oauth/signing-keys";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () =>
  jsonResponse(await publicJwks(), { headers: { "Cache-Control": "public, max-age=300" } }),
);
