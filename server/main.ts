// The production web server, compiled by `npm run build` (esbuild → dist/server.mjs) and run with
// plain `node dist/server.mjs`: no TypeScript loader, no Next.js internals. It is Next.js's
// documented custom server — next({ dev: false }), prepare(), getRequestHandler() — with one
// addition: the machine API's paths go to the machine app (lib/machine-api/app.ts, the same app
// the route files under app/ delegate to) before Next's router, which alone would cap them at a
// few hundred requests/s here (README → Machine API). PORT (default 3000), HOSTNAME (default all
// interfaces). SIGTERM/SIGINT: stop accepting, finish in-flight requests, exit.
import http from "node:http";
import path from "node:path";
import { getRequestListener, RequestError } from "@hono/node-server";
import next from "next";
import { CLIENT_IP_HEADER } from "@/lib/audit/request-meta";
import { securityHeaders } from "@/lib/http/security-headers";
import { logger } from "@/lib/log";
import { machineApp } from "@/lib/machine-api/app";
import { isMachinePath } from "@/lib/machine-api/paths";
import { clientErrorAnswer, preRouteRefusal } from "./pre-route";

function jsonError(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}

async function main() {
  Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? "production" });
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOSTNAME || undefined;
  const dir = path.resolve(import.meta.dirname, "..");
  const nextApp = next({ dev: false, dir, port, hostname });
  const handleNext = nextApp.getRequestHandler();
  await nextApp.prepare();

  const SECURITY_HEADERS = securityHeaders(process.env.NODE_ENV === "production");
  const handleMachine = getRequestListener(machineApp.fetch, {
    // Keep Node's own Request/Response: Next.js shares this process.
    overrideGlobalObjects: false,
    errorHandler: (error) => {
      if (error instanceof RequestError) {
        return jsonError(400, "invalid_request", "The request could not be read.");
      }
      logger.error({ err: error }, "machine API failed outside its error handler");
      return jsonError(500, "internal_error", "Something went wrong on our side.");
    },
  });

  const server = http.createServer((req, res) => {
    for (const { key, value } of SECURITY_HEADERS) res.setHeader(key, value);
    // Every handler (machine API, pages, actions) sees only a Request: hand it the socket address,
    // replacing any copy the client sent (lib/audit/request-meta.ts turns it into the client IP).
    // Both views are set: Next reads req.headers, the machine app's adapter reads req.rawHeaders.
    const socketIp = req.socket.remoteAddress ?? "";
    req.headers[CLIENT_IP_HEADER] = socketIp;
    const raw = req.rawHeaders.filter(
      (_, i, all) => (all[i - (i % 2)] ?? "").toLowerCase() !== CLIENT_IP_HEADER,
    );
    req.rawHeaders = [...raw, CLIENT_IP_HEADER, socketIp];
    const url = req.url ?? "/";
    const refused = preRouteRefusal(req.method ?? "GET", url);
    if (refused) {
      res.writeHead(refused.status, {
        "content-type": "application/json",
        "cache-control": "no-store",
      });
      res.end(refused.body);
      return;
    }
    const q = url.indexOf("?");
    if (isMachinePath(q === -1 ? url : url.slice(0, q))) void handleMachine(req, res);
    else void handleNext(req, res);
  });
  // Requests Node's parser refuses itself (unknown methods such as TRACK): a JSON 400, as above.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (error.code === "ECONNRESET" || !socket.writable) return socket.destroy();
    socket.end(clientErrorAnswer(error.code));
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => {
    console.log(`Signal Diff listening on http://${hostname ?? "localhost"}:${port}`);
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
