// JWT access tokens (RFC 9068) for the REST API: issued by the token endpoint, verified in memory.
import { randomUUID, sign as cryptoSign } from "node:crypto";
import { errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import type { AuthenticatedClient } from "@/lib/credentials/api-clients/authenticate-client";
import { isScope, type Scope } from "@/lib/credentials/api-clients/scopes";
import { env } from "@/lib/env";
import { tokensRevokedAt } from "./revocation";
import { currentSigningKey, publicKeyFor, SIGNING_ALG } from "./signing-keys";

export const MAX_TOKEN_TTL_SECONDS = 24 * 60 * 60;

export function tokenIssuer(): string {
  return env().APP_URL.replace(/\/$/, "");
}
export function tokenAudience(): string {
  return `${tokenIssuer()}/api/v1`;
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export type IssuedToken = {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
};

export async function issueAccessToken(
  client: AuthenticatedClient,
  scopes: Scope[],
  now: Date = new Date(),
): Promise<IssuedToken> {
  const iat = Math.floor(now.getTime() / 1000);
  let exp = iat + Math.min(env().OAUTH_ACCESS_TOKEN_TTL_SECONDS, MAX_TOKEN_TTL_SECONDS);
  // A token never outlives its client.
  if (client.expiresAt) exp = Math.min(exp, Math.floor(client.expiresAt.getTime() / 1000));
  const { kid, privateKey } = await currentSigningKey();
  const scope = scopes.join(" ");
  // A compact JWS signed with node:crypto directly (Ed25519, RFC 8037): the token endpoint's
  // largest CPU cost through jose; verification (jwtVerify below) checks every part of it.
  const header = { alg: SIGNING_ALG, typ: "at+jwt", kid };
  const claims = {
    client_id: client.clientId,
    team_id: client.teamId,
    scope,
    iss: tokenIssuer(),
    aud: tokenAudience(),
    sub: client.clientId,
    iat,
    exp,
    jti: randomUUID(),
  };
  const signingInput = `${base64url(header)}.${base64url(claims)}`;
  const signature = cryptoSign(null, Buffer.from(signingInput), privateKey).toString("base64url");
  const accessToken = `${signingInput}.${signature}`;
  return { access_token: accessToken, token_type: "Bearer", expires_in: exp - iat, scope };
}

export type VerifiedToken = {
  clientId: string;
  teamId: string;
  scopes: Scope[];
  jti: string;
  issuedAt: number;
  expiresAt: number;
};

export type VerifyFailure =
  "missing" | "malformed" | "expired" | "invalid_signature" | "revoked" | "invalid_claims";

// Tokens whose signature and claims already checked out, so a client reusing its token (the
// normal case) skips the Ed25519 verification. Expiry, revocation and the signing key's existence
// are still checked on every request against caches that LISTEN/NOTIFY keeps current (see
// revocation.ts, signing-keys.ts), so nothing here depends on this map being shared or fresh.
// Bounded: the oldest entries go first.
const VERIFIED_CACHE_MAX = 10_000;
const verifiedCache = new Map<string, Verified>();
type Verified = VerifiedToken & { kid: string };

function remember(token: string, verified: Verified) {
  if (verifiedCache.size >= VERIFIED_CACHE_MAX) {
    const oldest = verifiedCache.keys().next();
    if (!oldest.done) verifiedCache.delete(oldest.value);
  }
  verifiedCache.set(token, verified);
}

async function stillValid(
  { kid, ...verified }: Verified,
  now: Date,
): Promise<{ ok: true; token: VerifiedToken } | { ok: false; reason: VerifyFailure }> {
  if (verified.expiresAt * 1000 <= now.getTime()) return { ok: false, reason: "expired" };
  // A signing key deleted since (compromised) takes its tokens with it.
  if (!(await publicKeyFor(kid))) return { ok: false, reason: "invalid_signature" };
  const revokedAt = await tokensRevokedAt(verified.clientId);
  if (revokedAt !== null && verified.issuedAt * 1000 <= revokedAt)
    return { ok: false, reason: "revoked" };
  return { ok: true, token: verified };
}

/** Verifies a bearer token without touching the database for the token itself. */
export async function verifyAccessToken(
  token: string,
  now: Date = new Date(),
): Promise<{ ok: true; token: VerifiedToken } | { ok: false; reason: VerifyFailure }> {
  if (!token) return { ok: false, reason: "missing" };
  const cached = verifiedCache.get(token);
  if (cached) return stillValid(cached, now);
  let payload: JWTPayload;
  let kid: string | undefined;
  try {
    ({
      payload,
      protectedHeader: { kid },
    } = await jwtVerify(
      token,
      async (header) => {
        const key = await publicKeyFor(header.kid);
        if (!key) throw new joseErrors.JWKSNoMatchingKey();
        return key;
      },
      {
        algorithms: [SIGNING_ALG],
        issuer: tokenIssuer(),
        audience: tokenAudience(),
        typ: "at+jwt",
        currentDate: now,
        requiredClaims: ["exp", "iat", "sub", "jti"],
      },
    ));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: "expired" };
    if (
      error instanceof joseErrors.JWSSignatureVerificationFailed ||
      error instanceof joseErrors.JWKSNoMatchingKey
    )
      return { ok: false, reason: "invalid_signature" };
    if (error instanceof joseErrors.JWTClaimValidationFailed)
      return { ok: false, reason: "invalid_claims" };
    return { ok: false, reason: "malformed" };
  }
  const {
    client_id: clientId,
    team_id: teamId,
    scope,
    jti,
    iat,
    exp,
    sub,
  } = payload as JWTPayload & {
    client_id?: unknown;
    team_id?: unknown;
    scope?: unknown;
  };
  if (
    typeof clientId !== "string" ||
    clientId !== sub ||
    typeof teamId !== "string" ||
    typeof scope !== "string" ||
    typeof jti !== "string" ||
    typeof iat !== "number" ||
    typeof exp !== "number" ||
    typeof kid !== "string" ||
    exp - iat > MAX_TOKEN_TTL_SECONDS
  ) {
    return { ok: false, reason: "invalid_claims" };
  }
  const verified: Verified = {
    kid,
    clientId,
    teamId,
    scopes: scope.split(" ").filter(isScope),
    jti,
    issuedAt: iat,
    expiresAt: exp,
  };
  remember(token, verified);
  return stillValid(verified, now);
}
