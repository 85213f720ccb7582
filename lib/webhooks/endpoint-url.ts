// Which URLs an endpoint may have: https, or http to a localhost-style target when private
// networks are allowed (the crawler's CRAWL_ALLOW_PRIVATE_NETWORKS: local runs and tests). Names
// are checked again at send time, after DNS, by the SSRF guard.
import net from "node:net";
import { isPublicAddress } from "@/lib/net/classify-address";

export const MAX_URL_LENGTH = 2048;

function isLocalStyleHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  return net.isIP(host) !== 0 && !isPublicAddress(host);
}

/** The normalised URL, or a sentence saying why it cannot be an endpoint. */
export function checkEndpointUrl(
  raw: string,
  allowPrivateNetworks: boolean,
): { ok: true; url: string } | { ok: false; error: string } {
  const text = raw.trim();
  if (!text) return { ok: false, error: "Enter the URL that receives the events." };
  if (text.length > MAX_URL_LENGTH)
    return { ok: false, error: `Use at most ${MAX_URL_LENGTH} characters.` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: "Enter a full URL, e.g. https://example.com/webhooks." };
  }
  if (url.username || url.password)
    return { ok: false, error: "Leave credentials out of the URL." };
  const local = isLocalStyleHost(url.hostname);
  if (url.protocol === "http:") {
    if (local && allowPrivateNetworks) return { ok: true, url: url.toString() };
    return { ok: false, error: "Webhook URLs must use https." };
  }
  if (url.protocol !== "https:") return { ok: false, error: "Webhook URLs must use https." };
  if (local && !allowPrivateNetworks) {
    return {
      ok: false,
      error:
        "Private, loopback and link-local addresses cannot receive webhooks (SSRF protection).",
    };
  }
  return { ok: true, url: url.toString() };
}
