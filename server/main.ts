// The production web server. Machine API paths (CI trigger, Agent API, REST v1, OAuth token, JWKS)
// are answered directly by the same route handlers Next.js uses (the exports of app/…/route.ts),
// without going through Next's router, which alone caps throughput at a few hundred requests/s on
// a small machine (see README → Machine APIs). Every other request — pages, server actions,
// next-auth, static assets, and any method a route module does not export — goes to Next.js's own
// request handler, unchanged. Run: `node --import tsx server/main.ts` after `next build`.
// PORT (default 3000) and HOSTNAME (default all interfaces).
// First, as Next.js's own `next start` does: sets up the globals (AsyncLocalStorage…) its modules need.
import "next/dist/server/node-environment";
import http from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import next from "next";
import { NextRequest } from "next/server";
import { CLIENT_IP_HEADER } from "@/lib/http/request-meta";
import { securityHeaders } from "@/lib/http/security-headers";
import { logger } from "@/lib/log";
import { FAST_ROUTES, type RouteModule } from "./routes";

type RouteHandler = (
  req: NextRequest,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

type CompiledRoute = { segments: string[]; module: RouteModule };
let compiled: CompiledRoute[] = [];

/** Loads the route modules; call once, after `next().prepare()`. */
export async function loadFastRoutes(): Promise<void> {
  compiled = await Promise.all(
    FAST_ROUTES.map(async ([pattern, load]) => ({
      segments: pattern.split("/").slice(1),
      module: await load(),
    })),
  );
}

/** The handler for a method and path, or null when Next.js should answer (incl. 405/404). */
export function matchFastRoute(
  method: string,
  pathname: string,
): { handler: RouteHandler; params: Record<string, string> } | null {
  if (!(METHODS as readonly string[]).includes(method)) return null;
  const parts = pathname.split("/").slice(1);
  for (const route of compiled) {
    if (route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < parts.length; i++) {
      const seg = route.segments[i] ?? "";
      const part = parts[i] ?? "";
      if (seg.startsWith(":")) {
        if (!part) {
          ok = false;
          break;
        }
        try {
          params[seg.slice(1)] = decodeURIComponent(part);
        } catch {
          ok = false;
          break;
        }
      } else if (seg !== part) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    const handler = route.module[method];
    // A method the module does not export (or HEAD/OPTIONS, which Next derives): Next answers.
    return typeof handler === "function" ? { handler: handler as RouteHandler, params } : null;
  }
  return null;
}

const isProd = process.env.NODE_ENV === "production";
const SECURITY_HEADERS = securityHeaders(isProd);

function toWebRequest(req: http.IncomingMessage, origin: string): NextRequest {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? "";
    // The client address header is ours alone (set in the request listener below).
    if (name.toLowerCase() !== CLIENT_IP_HEADER) headers.append(name, req.rawHeaders[i + 1] ?? "");
  }
  const clientIp = req.headers[CLIENT_IP_HEADER];
  if (typeof clientIp === "string") headers.set(CLIENT_IP_HEADER, clientIp);
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new NextRequest(new URL(req.url ?? "/", origin), {
    method,
    headers,
    ...(hasBody
      ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" as const }
      : {}),
  });
}

async function sendWebResponse(res: http.ServerResponse, response: Response, head: boolean) {
  res.statusCode = response.status;
  for (const { key, value } of SECURITY_HEADERS) res.setHeader(key, value);
  const cookies = response.headers.getSetCookie();
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") res.setHeader(key, value);
  });
  if (cookies.length) res.setHeader("set-cookie", cookies);
  if (!response.body || head) {
    res.end();
    return;
  }
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (!res.write(chunk)) await new Promise((r) => res.once("drain", r));
  }
  res.end();
}

function sendError(res: http.ServerResponse, status: number, code: string, message: string) {
  res.statusCode = status;
  for (const { key, value } of SECURITY_HEADERS) res.setHeader(key, value);
  res.setHeader("content-type", "application/json");
  res.setHeader("cache-control", "no-store");
  res.end(JSON.stringify({ error: { code, message } }));
}

async function answerFast(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  match: NonNullable<ReturnType<typeof matchFastRoute>>,
  origin: string,
) {
  const method = req.method ?? "GET";
  let request: NextRequest;
  try {
    const host = req.headers.host;
    request = toWebRequest(req, host ? `http://${host}` : origin);
  } catch {
    // A Host or header Node accepted but the Fetch API does not (e.g. a malformed Host).
    sendError(res, 400, "bad_request", "The request could not be read.");
    return;
  }
  try {
    const response = await match.handler(request, { params: Promise.resolve(match.params) });
    await sendWebResponse(res, response, method === "HEAD");
  } catch (err) {
    // apiRoute maps handler errors to answers; this is only reached on a failure outside it.
    logger.error({ err, method, path: request.nextUrl.pathname }, "fast path failed");
    if (!res.headersSent) {
      sendError(res, 500, "internal_error", "Something went wrong on our side.");
    } else res.destroy();
  }
}

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOSTNAME || undefined;
  const app = next({ dev: false, dir: path.resolve(import.meta.dirname, ".."), port, hostname });
  const handleNext = app.getRequestHandler();
  await app.prepare();
  await loadFastRoutes();
  const origin = `http://${hostname ?? "localhost"}:${port}`;

  const server = http.createServer((req, res) => {
    // Route handlers see only a Request: hand them the socket address, replacing any copy the
    // client sent (lib/http/request-meta.ts turns it into the client IP).
    req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? "";
    const method = req.method ?? "GET";
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const match = matchFastRoute(method, q === -1 ? url : url.slice(0, q));
    if (!match) {
      void handleNext(req, res);
      return;
    }
    void answerFast(req, res, match, origin);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => {
    console.log(`Signal Diff listening on ${origin}`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
