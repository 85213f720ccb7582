// Who is calling: the client's IP address and user agent, for rate limits and the audit log alike.
//
// The client IP is the socket address, unless TRUSTED_PROXY_HOPS proxies of our own sit in front:
// then it is the address the outermost trusted proxy saw, read from X-Forwarded-For counted from
// the right (entries further left are whatever the client sent, and are never trusted). The
// production server (server/) passes the socket address in CLIENT_IP_HEADER after removing any
// copy the client sent; route handlers see only a Request. Under `next dev`, which has no such
// hook, Next.js itself puts the socket address in X-Forwarded-For when the client sent none, and
// that is used as the socket address (a client can forge it there: development only).
import { isIP } from "node:net";
import type { RequestMeta } from "@/lib/audit/record";
import { env } from "@/lib/env";

export const CLIENT_IP_HEADER = "x-signaldiff-client-ip";

function normalise(address: string | undefined): string | null {
  if (!address) return null;
  let ip = address.trim();
  if (ip.startsWith("[") && ip.includes("]")) ip = ip.slice(1, ip.indexOf("]"));
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip)) ip = ip.slice(7);
  return isIP(ip) ? ip.toLowerCase() : null;
}

/** The caller's IP address, or null when none can be known. */
export function clientIp(
  h: Headers,
  trustedHops: number = env().TRUSTED_PROXY_HOPS,
): string | null {
  const chain = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const stamped = h.get(CLIENT_IP_HEADER);
  const socket = stamped !== null ? normalise(stamped) : normalise(chain.pop());
  if (trustedHops === 0 || !socket) return socket;
  // The last `trustedHops` hops are our proxies; the entry each appended is the address that
  // connected to it. Fewer entries than hops: the request came in past a proxy — use the earliest.
  const hops = [...chain, socket];
  const index = Math.max(0, hops.length - 1 - trustedHops);
  return normalise(hops[index]) ?? socket;
}

export function requestMetaFrom(h: Headers): RequestMeta {
  return { ip: clientIp(h), userAgent: h.get("user-agent") };
}
