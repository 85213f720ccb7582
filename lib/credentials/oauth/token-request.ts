// Parsing a client-credentials token request (RFC 6749 §4.4): client authentication by HTTP Basic
// (§2.3.1) or client_id/client_secret in a form or JSON body — exactly one method.

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

export type TokenRequest = {
  grantType: string | null;
  scope: string | null;
  clientId: string;
  clientSecret: string;
  usedBasic: boolean;
};

function field(body: Record<string, unknown>, name: string): string | null {
  const v = body[name];
  return typeof v === "string" ? v : null;
}

function basicCredentials(
  header: string | null,
): { id: string; secret: string } | null | "malformed" {
  if (!header) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return /^Basic\b/i.test(header) ? "malformed" : null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return "malformed";
  try {
    // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " ")),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " ")),
    };
  } catch {
    return "malformed";
  }
}

/** A token request as the HTTP layer read it: its headers and its raw body (size-capped there). */
export type TokenHttpRequest = { headers: Headers; body: string };

/** The body cap of a token request (lib/machine-api reads at most this many bytes). */
export const TOKEN_REQUEST_MAX_BYTES = 16 * 1024;

export function parseTokenRequest(req: TokenHttpRequest): TokenRequest {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  let body: Record<string, unknown>;
  const text = req.body;
  if (type.startsWith("application/x-www-form-urlencoded")) {
    body = Object.fromEntries(new URLSearchParams(text));
  } else if (/^application\/([a-z.+-]*\+)?json\b/.test(type)) {
    try {
      const parsed: unknown = text ? JSON.parse(text) : {};
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
        throw new Error("not an object");
      body = parsed as Record<string, unknown>;
    } catch {
      throw new OAuthError(400, "invalid_request", "The request body is not a JSON object.");
    }
  } else {
    throw new OAuthError(
      400,
      "invalid_request",
      "Send application/x-www-form-urlencoded (or JSON) parameters.",
    );
  }

  const basic = basicCredentials(req.headers.get("authorization"));
  if (basic === "malformed") {
    throw new OAuthError(401, "invalid_client", "Client authentication failed.", {
      "WWW-Authenticate": 'Basic realm="signal-diff"',
    });
  }
  const bodyId = field(body, "client_id");
  const bodySecret = field(body, "client_secret");
  if (basic && bodySecret !== null) {
    throw new OAuthError(400, "invalid_request", "Use one client authentication method, not both.");
  }
  const clientId = basic?.id ?? bodyId;
  const clientSecret = basic?.secret ?? bodySecret;
  if (basic && bodyId !== null && bodyId !== basic.id) {
    throw new OAuthError(
      400,
      "invalid_request",
      "client_id does not match the authenticated client.",
    );
  }
  if (!clientId || !clientSecret) {
    throw new OAuthError(
      401,
      "invalid_client",
      "Client authentication failed: send client_id and client_secret.",
      {
        "WWW-Authenticate": 'Basic realm="signal-diff"',
      },
    );
  }
  return {
    grantType: field(body, "grant_type"),
    scope: field(body, "scope"),
    clientId,
    clientSecret,
    usedBasic: basic !== null,
  };
}
