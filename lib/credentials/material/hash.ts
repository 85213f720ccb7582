import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** SHA-256 hex digest, used to store one-time tokens without keeping them. */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** A URL-safe random token from a CSPRNG. */
export function randomUrlToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Constant-time string comparison (lengths are compared on digests, so they do not leak). */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash("sha256").update(a).digest();
  const dbuf = createHash("sha256").update(b).digest();
  return timingSafeEqual(da, dbuf) && a.length === b.length;
}
