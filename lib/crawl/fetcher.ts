// The crawler's HTTP client. Redirects are followed by hand (so each hop passes the SSRF guard and
// the hop count is capped), bodies are capped in size, and every request has a deadline.
import http from "node:http";
import https from "node:https";
import zlib from "node:zlib";
import type { Readable } from "node:stream";
import { assertHostAllowed, guardedLookup } from "@/lib/crawl/ssrf";

export const USER_AGENT = "SignalDiffBot/1.0 (+https://signaldiff.dev/bot)";
export const ROBOTS_AGENT = "SignalDiffBot";

export type FetchResponse = {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  contentType: string | null;
  body: string;
  redirects: number;
};

export type FetchOptions = { timeoutMs: number; signal?: AbortSignal };
/** What the crawler needs from HTTP; tests may pass their own. Throws FetchError on failure. */
export type Fetcher = (url: string, options: FetchOptions) => Promise<FetchResponse>;

export class FetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FetchError";
  }
}

export type HttpFetcherOptions = {
  allowPrivateNetworks: boolean;
  /** Hosts exempt from the SSRF guard even when private networks are refused. */
  allowHosts?: readonly string[];
  /** Customer agents: private networks allowed, cloud-metadata addresses still refused. */
  refuseMetadata?: boolean;
  maxBytes?: number;
  maxRedirects?: number;
};

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

export function createHttpFetcher(opts: HttpFetcherOptions): Fetcher {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const guard = {
    allowPrivate: opts.allowPrivateNetworks,
    allowHosts: opts.allowHosts,
    refuseMetadata: opts.refuseMetadata,
  };
  const lookup = guardedLookup(guard);
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };

  return async (startUrl, { timeoutMs, signal }) => {
    const deadline = Date.now() + timeoutMs;
    let url = new URL(startUrl);
    for (let hop = 0; ; hop++) {
      if (url.protocol !== "http:" && url.protocol !== "https:")
        throw new FetchError(`Redirected to an unsupported scheme (${url.protocol})`);
      assertHostAllowed(url.hostname, guard);
      const res = await requestOnce(url, {
        deadline,
        timeoutMs,
        signal,
        lookup,
        maxBytes,
        agent: url.protocol === "https:" ? agents.https : agents.http,
      });
      if (res.status >= 300 && res.status < 400 && res.location) {
        if (hop >= maxRedirects)
          throw new FetchError(`Too many redirects (more than ${maxRedirects})`);
        url = new URL(res.location, url);
        continue;
      }
      return {
        url: url.toString(),
        status: res.status,
        contentType: res.contentType,
        body: res.body,
        redirects: hop,
      };
    }
  };
}

type Raw = { status: number; location: string | null; contentType: string | null; body: string };

function requestOnce(
  url: URL,
  o: {
    deadline: number;
    timeoutMs: number;
    signal?: AbortSignal;
    lookup: ReturnType<typeof guardedLookup>;
    maxBytes: number;
    agent: http.Agent;
  },
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const remaining = o.deadline - Date.now();
    if (remaining <= 0) return reject(new FetchError(`Timed out after ${o.timeoutMs} ms`));
    const lib = url.protocol === "https:" ? https : http;
    const req = lib.request(url, {
      method: "GET",
      agent: o.agent,
      lookup: o.lookup as unknown as http.RequestOptions["lookup"],
      headers: {
        "user-agent": USER_AGENT,
        accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
        "accept-encoding": "gzip, deflate, br",
      },
      signal: o.signal,
    });
    const timer = setTimeout(
      () => req.destroy(new FetchError(`Timed out after ${o.timeoutMs} ms`)),
      remaining,
    );
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(err.name === "BlockedAddressError" || err instanceof FetchError ? err : wrap(err));
    };
    req.on("error", fail);
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      const location = typeof res.headers.location === "string" ? res.headers.location : null;
      const contentType = res.headers["content-type"] ?? null;
      if (status >= 300 && status < 400 && location) {
        res.resume();
        clearTimeout(timer);
        return resolve({ status, location, contentType, body: "" });
      }
      const declared = Number(res.headers["content-length"] ?? 0);
      if (declared > o.maxBytes) {
        req.destroy();
        return fail(new FetchError(tooLarge(o.maxBytes)));
      }
      const stream = decode(res, res.headers["content-encoding"]);
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > o.maxBytes) {
          req.destroy();
          stream.destroy();
          fail(new FetchError(tooLarge(o.maxBytes)));
          return;
        }
        chunks.push(chunk);
      });
      stream.on("error", (err) => fail(err));
      stream.on("end", () => {
        clearTimeout(timer);
        resolve({
          status,
          location: null,
          contentType,
          body: decodeText(Buffer.concat(chunks), contentType),
        });
      });
    });
    req.end();
  });
}

function tooLarge(max: number) {
  return `Response larger than ${Math.round(max / 1024)} KB (size cap)`;
}

function wrap(err: Error & { code?: string }): FetchError {
  if (err.name === "AbortError") return new FetchError("Stopped");
  const known: Record<string, string> = {
    ECONNREFUSED: "Connection refused",
    ENOTFOUND: "Host not found",
    ECONNRESET: "Connection reset",
    EAI_AGAIN: "DNS lookup failed",
    ETIMEDOUT: "Connection timed out",
  };
  return new FetchError(known[err.code ?? ""] ?? err.message);
}

function decode(res: Readable, encoding: string | undefined): Readable {
  switch (encoding?.toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return res.pipe(zlib.createGunzip());
    case "deflate":
      return res.pipe(zlib.createInflate());
    case "br":
      return res.pipe(zlib.createBrotliDecompress());
    default:
      return res;
  }
}

// Decoders are reusable (decode() without stream resets them); one per charset instead of per page.
const decoders = new Map<string, TextDecoder>();

function decoderFor(charset: string): TextDecoder {
  let decoder = decoders.get(charset);
  if (!decoder) {
    decoder = new TextDecoder(charset); // throws RangeError on an unknown label
    decoders.set(charset, decoder);
  }
  return decoder;
}

function decodeText(buf: Buffer, contentType: string | null): string {
  const charset = /charset=([^;]+)/i
    .exec(contentType ?? "")?.[1]
    ?.trim()
    .toLowerCase();
  try {
    return decoderFor(charset || "utf-8").decode(buf);
  } catch {
    return decoderFor("utf-8").decode(buf);
  }
}
