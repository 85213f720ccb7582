// A local webhook receiver for tests and the benchmark: records every request (headers, raw
// body) and answers what the test's handler says (status, delay, redirect).
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { headers: http.IncomingHttpHeaders; body: string; at: number };
export type Answer = { status?: number; body?: string; delayMs?: number; location?: string };

export type Receiver = {
  url: string;
  received: Received[];
  answer: (r: Received) => Answer;
  close: () => Promise<void>;
};

export async function startReceiver(answer: (r: Received) => Answer = () => ({})) {
  const receiver: Receiver = { url: "", received: [], answer, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const got = {
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      };
      receiver.received.push(got);
      const a = receiver.answer(got);
      const send = () => {
        res.writeHead(a.status ?? 200, a.location ? { location: a.location } : {});
        res.end(a.body ?? "ok");
      };
      if (a.delayMs) {
        const t = setTimeout(send, a.delayMs);
        res.on("close", () => clearTimeout(t));
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
