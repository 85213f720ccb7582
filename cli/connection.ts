// Where the API is and which key to send: SIGNALDIFF_API_BASE_URL / --base-url (the origin, as
// seed 004 says: no /api suffix) and SIGNALDIFF_CI_API_KEY / --key-stdin. The key is held only
// in memory and sent only in the x-ci-api-key header.
import { usageError } from "./exit-codes";
import type { Env } from "./io";

export type Connection = { origin: string; key: string };

/** The origin to call, and a notice when the given URL needed fixing up. */
export function resolveOrigin(
  flag: string | undefined,
  env: Env,
): { origin: string; notice: string | null } {
  const source = flag !== undefined ? "--base-url" : "SIGNALDIFF_API_BASE_URL";
  const raw = (flag ?? env.SIGNALDIFF_API_BASE_URL ?? "").trim();
  if (!raw) {
    throw usageError(
      "Set SIGNALDIFF_API_BASE_URL to your Signal Diff origin (e.g. https://signaldiff.example), or pass --base-url.",
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(
      `${source} is not a URL: use your Signal Diff origin, e.g. https://signaldiff.example.`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw usageError(`${source} must start with https:// (or http:// for a local server).`);
  }
  if (url.username || url.password) {
    throw usageError(`${source} must not contain a user name or password.`);
  }
  if (url.search || url.hash) {
    throw usageError(`${source} must be an origin without ?query or #fragment.`);
  }
  let path = url.pathname.replace(/\/+$/, "");
  let notice: string | null = null;
  if (/\/api$/i.test(path)) {
    path = path.replace(/\/api$/i, "");
    notice = `${source} ends in /api; using ${url.origin}${path} (the origin, without /api).`;
  }
  return { origin: `${url.origin}${path}`, notice };
}

/** The key from standard input (--key-stdin) or SIGNALDIFF_CI_API_KEY. */
export function resolveKey(fromStdin: string | null, env: Env): string {
  const key = (fromStdin ?? env.SIGNALDIFF_CI_API_KEY ?? "").trim();
  if (!key) {
    throw usageError(
      fromStdin !== null
        ? "--key-stdin read an empty key from standard input."
        : "Set SIGNALDIFF_CI_API_KEY to your team's CI API key (Developers → API keys), or pipe it to --key-stdin.",
    );
  }
  // A header value cannot hold control characters or non-Latin-1 text; say so without echoing it.
  if (!/^[\x21-\x7e]+$/.test(key)) {
    throw usageError(
      "The CI API key contains spaces or characters a key never has: check the secret's value.",
    );
  }
  return key;
}

export async function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
    if (chunks.reduce((n, c) => n + c.length, 0) > 64 * 1024) {
      throw usageError("--key-stdin read more than 64 KiB: pipe only the key.");
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}
