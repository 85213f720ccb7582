// What the production server refuses before routing, on every path (pages included): methods
// outside HTTP's usual set (TRACE, TRACK, CONNECT… — the Fetch API cannot even represent some of
// them, and Next answers them 500) and URLs whose path is not valid percent-encoding or holds NUL
// (Next answers /sites/%ZZ with a 500). Each is a 400 with the API's JSON error shape.
import { malformedUrlError } from "@/lib/http/guards";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export type Refusal = { status: number; body: string };

const refusal = (message: string): Refusal => ({
  status: 400,
  body: JSON.stringify({ error: { code: "invalid_request", message } }),
});

export function preRouteRefusal(method: string, url: string): Refusal | null {
  if (!METHODS.has(method))
    return refusal(`The HTTP method ${method.slice(0, 20)} is not supported.`);
  const malformed = malformedUrlError(`http://x${url.startsWith("/") ? url : `/${url}`}`);
  return malformed ? refusal(malformed.message) : null;
}
