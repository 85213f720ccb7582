// npm run worker — one crawl worker process. SIGTERM/SIGINT shut it down gracefully.
import http from "node:http";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { startWorker } from "@/lib/worker/start-worker";

async function main() {
  const worker = await startWorker();
  logger.info({ workerId: worker.workerId }, "worker started");
  const port = env().WORKER_HEALTH_PORT;
  const health = port
    ? http
        .createServer((req, res) => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ ok: true, workerId: worker.workerId, active: worker.active() }));
        })
        .listen(port, "127.0.0.1")
    : null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "worker stopping");
    await worker.stop();
    health?.close();
    logger.info("worker stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  logger.error({ err: error }, "worker failed to start");
  process.exit(1);
});
