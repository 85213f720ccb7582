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

/**
 * The raw answer to a request Node's HTTP parser refuses before any handler runs (a method it
 * does not know, such as TRACK or FOO, or a malformed request line): the same JSON 400 instead of
 * Node's bare "400 Bad Request"; 431 for oversized headers, 408 for a request that timed out.
 */
export function clientErrorAnswer(code: string | undefined): string {
  const [status, reason, message] =
    code === "HPE_HEADER_OVERFLOW"
      ? [431, "Request Header Fields Too Large", "The request headers are too large."]
      : code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "Request Timeout", "The request took too long to arrive."]
        : [400, "Bad Request", "The request could not be parsed as HTTP."];
  const body = JSON.stringify({ error: { code: "invalid_request", message } });
  return (
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\n` +
    `cache-control: no-store\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
    `connection: close\r\n\r\n${body}`
  );
}
