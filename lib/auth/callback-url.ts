// Where sign-in (and any other flow that takes a "go here next" parameter) may send someone: only
// a path on our own site. Checking the string's shape is not enough — browsers strip tabs and
// newlines and read "\" as "/", so "/\t/evil.example" lands on evil.example — so the value is
// parsed as a URL the way a browser would, and only a same-origin path that survives is kept.

// An origin no request can name, used only to resolve relative paths while parsing.
const PROBE_ORIGIN = "http://callback.invalid";
const MAX_LENGTH = 2048;
// Whitespace, control characters and backslashes have no business in a path we redirect to.
const UNSAFE_CHARS = /[\u0000-\u0020\u007f\\]/;

function tryDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The same-origin path (`/path?query#fragment`) that `value` names relative to `origin`, or null
 * when it names anything else. Accepts a path or an absolute URL on `origin`; refuses relative
 * references ("abc"), other origins, scheme-relative ("//host") and anything with whitespace,
 * control characters or backslashes, raw or percent-encoded where a browser or proxy might
 * decode them into a host.
 */
export function sameOriginPath(value: unknown, origin = PROBE_ORIGIN): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return null;
  if (UNSAFE_CHARS.test(value)) return null;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return null;
  }
  const isPath = value.startsWith("/");
  const isAbsolute = /^[a-z][a-z0-9+.-]*:/i.test(value);
  if ((!isPath && !isAbsolute) || url.origin !== base.origin) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A normalised path can still begin with "//" ("/.//evil.example"), which a browser reads as
  // another host; so can its decoded form ("/%2F/evil.example") once something decodes it.
  const decoded = tryDecode(url.pathname);
  if (/^\/[/\\]/.test(path) || /^\/[/\\]/.test(decoded) || UNSAFE_CHARS.test(decoded)) {
    return null;
  }
  return path;
}

/** Keeps post-sign-in redirects on our own site: a same-origin path, else `fallback`. */
export function safeCallbackPath(value: unknown, fallback = "/dashboard"): string {
  return sameOriginPath(value) ?? fallback;
}

/**
 * next-auth's redirect callback: every URL next-auth redirects to (callbackUrl parameter or
 * cookie, sign-out target) becomes an absolute URL on `baseUrl`'s origin. Never throws, so a
 * malformed callbackUrl cannot turn a sign-in request into a server error.
 */
export function safeRedirectUrl(url: string, baseUrl: string, fallback = "/dashboard"): string {
  const origin = new URL(baseUrl).origin;
  return `${origin}${sameOriginPath(url, origin) ?? fallback}`;
}
