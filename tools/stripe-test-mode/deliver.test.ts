// The tool's webhook sender: signed like Stripe, in order, and retried while the app is not up.
import http from "node:http";
import Stripe from "stripe";
import { afterEach, describe, expect, it } from "vitest";
import { webhookSender } from "./deliver";
import { listen } from "./server";

const SECRET = "whsec_tool_delivery_test_0123456789";
const verifier = new Stripe("sk_test_verifier_only");
let server: http.Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** A free port with nothing listening on it yet. */
async function freePort() {
  const probe = http.createServer();
  const port = await listen(probe, 0);
  await new Promise((r) => probe.close(r));
  return port;
}

describe("webhookSender", () => {
  it("queues events while the endpoint is unreachable and delivers them, signed and in order, once it is up", async () => {
    const port = await freePort();
    const send = webhookSender(`http://127.0.0.1:${port}/api/stripe/webhook`, SECRET, 50);
    const events = ["evt_1", "evt_2", "evt_3"].map((id) => ({ id, object: "event", type: "x" }));
    // Two writes at once (the demo seed's two subscriptions): nothing may be lost or reordered.
    await Promise.all([send(events.slice(0, 2)), send(events.slice(2))]);

    const received: string[] = [];
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const signature = String(req.headers["stripe-signature"]);
        received.push(verifier.webhooks.constructEvent(body, signature, SECRET).id);
        res.writeHead(200).end("{}");
      });
    });
    await listen(server, port);
    await expect.poll(() => received, { timeout: 5000 }).toEqual(["evt_1", "evt_2", "evt_3"]);
  });
});
