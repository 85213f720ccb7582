// Whether a session token (a next-auth JWT in a cookie) is still good. A signed token alone is not
// enough: signing out must end it even though a copy of the cookie may survive elsewhere. Each
// token carries a session id (`sid`, one per sign-in on one device) and the user's session
// version (`sv`). "Sign out" records the sid as revoked; "Sign out of all devices" increments the
// user's version. Every read of a session checks both against PostgreSQL, so any instance of the
// app sees a sign-out on its next request.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";

/** How long a session token lives (next-auth re-issues it, sliding, while it is used). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;

export type SessionClaims = { sub?: string; sid?: unknown; sv?: unknown };

/** Thrown from the JWT callback when a token's session has ended; next-auth then drops it. */
export class SessionEndedError extends Error {
  constructor() {
    super("The session has ended (signed out, or signed out of all devices).");
    this.name = "SessionEndedError";
  }
}

/** The claims a new session token carries: a fresh session id and the user's current version. */
export async function startSession(userId: string): Promise<{ sid: string; sv: number }> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { sessionVersion: true },
  });
  return { sid: randomUUID(), sv: user.sessionVersion };
}

/**
 * The token's user, read fresh, when its session is live: the user exists, the version matches
 * and the session id was not signed out. One indexed query. Tokens from before session ids
 * existed carry none and are refused (their holders sign in again).
 */
export async function findLiveSessionUser(claims: SessionClaims) {
  const { sub, sid, sv } = claims;
  if (typeof sub !== "string" || typeof sid !== "string" || typeof sv !== "number") return null;
  return db.user.findFirst({
    where: { id: sub, sessionVersion: sv, revokedSessions: { none: { sessionId: sid } } },
    select: { id: true, email: true, name: true, image: true },
  });
}

/**
 * Ends one session (this device's "Sign out"). The revocation is kept for a whole token lifetime
 * from now: any copy of the cookie, however recently refreshed, has expired by then.
 */
export async function endSession(claims: SessionClaims | null | undefined, now = new Date()) {
  if (!claims || typeof claims.sub !== "string" || typeof claims.sid !== "string") return;
  await db.revokedSession.createMany({
    data: {
      sessionId: claims.sid,
      userId: claims.sub,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
    },
    skipDuplicates: true,
  });
  // Rows whose tokens can no longer be valid are dead weight; sign-outs are rare enough to sweep.
  await db.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
}

/** Ends every session of the user, on every device ("Sign out of all devices"). */
export async function endAllSessions(userId: string) {
  await db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
