// Which request paths belong to the machine API (server/main.ts hands them to it before Next).
// Kept apart from app.ts so the server can decide without loading anything else.
const PREFIXES = [
  "/api/agents/",
  "/api/trigger/",
  "/api/oauth/",
  "/api/v1/",
  "/api/stripe/",
  "/api/secret-scanning/",
  "/agent/",
];
const EXACT = new Set([
  "/api/openapi.json",
  "/.well-known/jwks.json",
  "/agent",
  "/api/v1",
  "/api/trigger",
]);

/** `pathname` is the raw (not decoded) path of the request URL. */
export function isMachinePath(pathname: string): boolean {
  return EXACT.has(pathname) || PREFIXES.some((p) => pathname.startsWith(p));
}
