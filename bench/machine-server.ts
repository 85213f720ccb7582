// The machine app alone in a process of its own, handed requests exactly as the production server
// (server/main.ts) hands it machine paths — @hono/node-server's getRequestListener with Node's own
// Request/Response — so a benchmark can read this process's CPU time and memory from /proc without
// its load generators in the same process. Needs no Next.js build. Start it with
// `node --import tsx bench/machine-server.ts` (the pid is then this server's, not a loader's);
// env: DATABASE_URL, PORT (0 = any free port). Prints "ready <port>" once it listens and its
// LISTEN connection is up. One bench-only route outside the machine app:
//   POST /__bench/gc   full garbage collection (node --expose-gc), then { rss, heapUsed } in bytes
import http from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { listenForAgentWork } from "@/lib/agents/wait-for-work";
import { machineApp } from "@/lib/machine-api/app";
import { waitForListener } from "@/lib/pg-notify";

const handleMachine = getRequestListener(machineApp.fetch, { overrideGlobalObjects: false });

const server = http.createServer((req, res) => {
  if (req.method === "POST" && req.url === "/__bench/gc") {
    global.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ rss, heapUsed, gc: typeof global.gc === "function" }));
    return;
  }
  void handleMachine(req, res);
});
server.keepAliveTimeout = 65_000;
server.maxConnections = 10_000;

listenForAgentWork();
void waitForListener().then(() =>
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
    console.log(`ready ${(server.address() as AddressInfo).port}`);
  }),
);
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
