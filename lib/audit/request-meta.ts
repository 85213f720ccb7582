import type { RequestMeta } from "@/lib/audit/record";

/** The caller's IP (first X-Forwarded-For hop, set by the proxy in front) and user agent. */
export function requestMetaFrom(h: Headers): RequestMeta {
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return { ip: forwarded || h.get("x-real-ip") || null, userAgent: h.get("user-agent") };
}
