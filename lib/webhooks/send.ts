// Sends one signed delivery: POST with a deadline, the crawler's SSRF guard on the address
// actually connected to (after DNS), redirects never followed, and only the first 1 KB of the
// answer kept for the delivery log.
import http from "node:http";
import https from "node:https";
import { StringDecoder } from "node:string_decoder";
import { assertHostAllowed, guardedLookup } from "@/lib/crawl/ssrf";
import { classifyAddress, describeAddressClass } from "@/lib/net/classify-address";

export const SEND_TIMEOUT_MS = 10_000;
export const RESPONSE_KEEP_BYTES = 1024;
export const USER_AGENT = "SignalDiff-Webhooks/1.0";

export type SendResult = {
  /** Null when no HTTP answer came (refused, timed out, connection error). */
  statusCode: number | null;
  latencyMs: number;
  /** The first 1 KB of the answer's body. */
  body: string;
  /** Why the attempt failed, in words; null for a 2xx. */
  error: string | null;
};

export type WebhookSender = (
  url: string,
  headers: Record<string, string>,
  body: string,
) => Promise<SendResult>;

export type SenderOptions = {
  allowPrivateNetworks: boolean;
  /** Hosts let through although private (CRAWL_ALLOW_HOSTS), as for cloud crawls. */
  allowHosts?: readonly string[];
  timeoutMs?: number;
};

function refusal(err: unknown): string | null {
  if (!(err instanceof Error) || err.name !== "BlockedAddressError") return null;
  const address = (err as Error & { address?: string }).address ?? "";
  const what = describeAddressClass(classifyAddress(address));
  return `Refused to deliver to ${address}: ${what} addresses are blocked (SSRF protection).`;
}

export function createWebhookSender(opts: SenderOptions): WebhookSender {
  const timeoutMs = opts.timeoutMs ?? SEND_TIMEOUT_MS;
  const guard = { allowPrivate: opts.allowPrivateNetworks, allowHosts: opts.allowHosts };
  const lookup = guardedLookup(guard) as unknown as http.RequestOptions["lookup"];
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 256 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 256 }),
  };

  return (rawUrl, headers, body) => {
    const started = performance.now();
    const done = (r: Omit<SendResult, "latencyMs">): SendResult => ({
      ...r,
      latencyMs: Math.round(performance.now() - started),
    });
    const url = new URL(rawUrl);
    try {
      assertHostAllowed(url.hostname, guard);
    } catch (err) {
      return Promise.resolve(done({ statusCode: null, body: "", error: refusal(err) }));
    }
    const plainAllowed =
      opts.allowPrivateNetworks || (opts.allowHosts ?? []).includes(url.hostname);
    if (url.protocol === "http:" && !plainAllowed) {
      return Promise.resolve(
        done({ statusCode: null, body: "", error: "Refused: webhook URLs must use https." }),
      );
    }
    return new Promise((resolve) => {
      const lib = url.protocol === "https:" ? https : http;
      const req = lib.request(url, {
        method: "POST",
        agent: url.protocol === "https:" ? agents.https : agents.http,
        lookup,
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          "user-agent": USER_AGENT,
        },
      });
      let settled = false;
      const finish = (r: Omit<SendResult, "latencyMs">) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(done(r));
      };
      const timer = setTimeout(() => {
        finish({ statusCode: null, body: "", error: `Timed out after ${timeoutMs / 1000} s.` });
        req.destroy();
      }, timeoutMs);
      req.on("error", (err) =>
        finish({
          statusCode: null,
          body: "",
          error: refusal(err) ?? `Could not connect: ${err.message}`,
        }),
      );
      req.on("response", (res) => {
        const status = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let kept = 0;
        const end = () => {
          // Whole characters only (one cut at 1 KB is dropped), and no NUL, which PostgreSQL
          // text refuses: a hostile answer must not make the attempt's record fail.
          const text = new StringDecoder("utf8")
            .write(Buffer.concat(chunks).subarray(0, RESPONSE_KEEP_BYTES))
            .replaceAll("\u0000", "\uFFFD");
          finish({
            statusCode: status,
            body: text,
            error: failureOf(status, res.headers.location),
          });
        };
        res.on("data", (chunk: Buffer) => {
          if (kept >= RESPONSE_KEEP_BYTES) return;
          chunks.push(chunk);
          kept += chunk.length;
          // Enough kept: stop reading a large answer instead of downloading it.
          if (kept >= RESPONSE_KEEP_BYTES) {
            end();
            res.destroy();
          }
        });
        res.on("end", end);
        res.on("error", end);
      });
      req.end(body);
    });
  };
}

function failureOf(status: number, location: string | undefined): string | null {
  if (status >= 200 && status < 300) return null;
  if (status >= 300 && status < 400) {
    return `Answered ${status}; redirects are not followed${location ? ` (Location: ${location.slice(0, 200)})` : ""}.`;
  }
  return `Answered ${status}.`;
}
