// POST /api/oauth/token — OAuth 2.0 client credentials (RFC 6749 §4.4) → JWT bearer token.
import { apiRoute } from "@/lib/http/handler";
import { handleTokenRequest } from "@/lib/credentials/oauth/token-endpoint";

export const POST = apiRoute(async (req) => handleTokenRequest(req));
