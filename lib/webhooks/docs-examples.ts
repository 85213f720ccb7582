// The runnable examples of /docs/verifying-signatures. The page prints these strings and
// docs-examples.test.ts runs the Node and shell ones against real deliveries, so they cannot rot.

/** A complete receiver: `SIGNALDIFF_WEBHOOK_SECRET=whsec_… PORT=8080 node receiver.mjs` */
export const NODE_RECEIVER = `import http from "node:http";
import { Webhook } from "standardwebhooks"; // npm install standardwebhooks

const wh = new Webhook(process.env.SIGNALDIFF_WEBHOOK_SECRET);
const seen = new Set(); // webhook-ids already handled; use your database in production

http
  .createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8"); // the raw body, byte for byte
      let event;
      try {
        // Checks the signature and that webhook-timestamp is within 5 minutes of now.
        event = wh.verify(body, req.headers);
      } catch {
        res.writeHead(400).end("invalid signature");
        return;
      }
      const id = req.headers["webhook-id"];
      if (!seen.has(id)) {
        seen.add(id);
        console.log(JSON.stringify({ id, type: event.type, data: event.data }));
      }
      res.writeHead(204).end(); // any 2xx within 10 s counts as delivered
    });
  })
  .listen(Number(process.env.PORT ?? 8080));
`;

/** The same receiver in Python: `pip install standardwebhooks`. */
export const PYTHON_RECEIVER = `import json, os
from http.server import BaseHTTPRequestHandler, HTTPServer
from standardwebhooks.webhooks import Webhook  # pip install standardwebhooks

wh = Webhook(os.environ["SIGNALDIFF_WEBHOOK_SECRET"])
seen = set()  # webhook-ids already handled; use your database in production

class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["content-length"]))
        headers = {k.lower(): v for k, v in self.headers.items()}
        try:
            # Checks the signature and that webhook-timestamp is within 5 minutes of now.
            event = wh.verify(body, headers)
        except Exception:
            self.send_response(400)
            self.end_headers()
            return
        if headers["webhook-id"] not in seen:
            seen.add(headers["webhook-id"])
            # flush: stdout is block-buffered under systemd, Docker or a pipe
            print(json.dumps({"id": headers["webhook-id"], "type": event["type"]}), flush=True)
        self.send_response(204)
        self.end_headers()

HTTPServer(("", int(os.environ.get("PORT", "8080"))), Receiver).serve_forever()
`;

/**
 * Plain HMAC with openssl: the body in body.json, the three headers in ID, TS and SIG.
 * Exits 0 when one of the signatures matches and the timestamp is fresh.
 */
export const SHELL_VERIFY = `#!/bin/sh
# SIGNALDIFF_WEBHOOK_SECRET=whsec_…  ID=<webhook-id>  TS=<webhook-timestamp>
# SIG=<webhook-signature>  and the raw request body in body.json
set -eu
key_hex=$(printf '%s' "\${SIGNALDIFF_WEBHOOK_SECRET#whsec_}" | base64 -d | od -An -v -tx1 | tr -d ' \\n')
expected=$({ printf '%s.%s.' "$ID" "$TS"; cat body.json; } |
  openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary | base64)
now=$(date +%s)
if [ $((now - TS)) -gt 300 ] || [ $((TS - now)) -gt 300 ]; then
  echo "timestamp outside the 5-minute window" >&2; exit 1
fi
case " $SIG " in
  *" v1,$expected "*) echo "verified" ;;
  *) echo "no matching signature" >&2; exit 1 ;;
esac
`;

export const HEADERS_EXAMPLE = `POST /webhooks/signal-diff HTTP/1.1
content-type: application/json
user-agent: SignalDiff-Webhooks/1.0
webhook-id: msg_2b7Kq9xY1mN4pR8sT0uV3wZ6aB
webhook-timestamp: 1796104809
webhook-signature: v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4= v1,Wq1Yx1Zy0uQZ6C6mF5Zl1s5b0pYw3P7kQ4X1oE8Hh2c=`;
