// Secret key material for every credential Signal Diff issues: CI API keys (`sck_…`), API client
// ids (`dh_live_…`, public), API client secrets (`dh_secret_…`), customer agent enrollment tokens
// (`sce_…`, one-time) and agent credentials (`sca_…`).
//
// Format (GitHub's token format): prefix + base62 body + 6-character base62 CRC32 of the body.
// The checksum lets us reject a malformed or mistyped key before any database work and lets
// secret scanners recognise our keys with few false positives. Only a SHA-256 of the whole key is
// stored: the body carries ~190 bits from a CSPRNG, so a fast hash is enough (no pepper needed to
// resist guessing), and a unique index on the hash makes the lookup a single indexed read.
import { createHash, randomInt } from "node:crypto";
import { crc32 } from "node:zlib";

export const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** 32 base62 characters ≈ 190.5 bits of entropy (≥ 160 required). */
export const BODY_LENGTH = 32;
export const CHECKSUM_LENGTH = 6;

export const KEY_PREFIXES = {
  ci: "sck_",
  clientId: "dh_live_",
  clientSecret: "dh_secret_",
  agentEnrollment: "sce_",
  agent: "sca_",
} as const;

export type KeyKind = keyof typeof KEY_PREFIXES;

export type ParsedKey = { kind: KeyKind; body: string; checksum: string; value: string };

/** Base62 of a 32-bit unsigned integer, left-padded to 6 characters (62^6 > 2^32). */
export function checksumOf(body: string): string {
  let n = crc32(body) >>> 0;
  let out = "";
  while (n > 0) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out.padStart(CHECKSUM_LENGTH, "0");
}

/** A uniformly random base62 body (randomInt uses rejection sampling on the CSPRNG: no bias). */
export function randomBody(length = BODY_LENGTH): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE62[randomInt(62)];
  return out;
}

/** Formats a key of `kind` from a body (exported for tests; use generateKey for new keys). */
export function formatKey(kind: KeyKind, body: string): string {
  return `${KEY_PREFIXES[kind]}${body}${checksumOf(body)}`;
}

/** A fresh key of `kind`, with its hash and display prefix. The plaintext is returned once. */
export function generateKey(kind: KeyKind): { value: string; hash: string; displayPrefix: string } {
  const body = randomBody();
  const value = formatKey(kind, body);
  return { value, hash: hashKey(value), displayPrefix: displayPrefix(kind, body) };
}

const PATTERNS = Object.fromEntries(
  Object.entries(KEY_PREFIXES).map(([kind, prefix]) => [
    kind,
    new RegExp(`^${prefix}([0-9A-Za-z]{${BODY_LENGTH}})([0-9A-Za-z]{${CHECKSUM_LENGTH}})$`),
  ]),
) as Record<KeyKind, RegExp>;

/**
 * Parses a key of the expected kind. Null for anything malformed or with a wrong checksum —
 * callers answer that exactly like an unknown key, without touching the database.
 */
export function parseKey(kind: KeyKind, raw: unknown): ParsedKey | null {
  if (typeof raw !== "string" || raw.length > 100) return null;
  const match = PATTERNS[kind].exec(raw);
  if (!match) return null;
  const [, body, checksum] = match as unknown as [string, string, string];
  // Both sides are public (derived from the presented value), so a plain comparison leaks nothing.
  if (checksumOf(body) !== checksum) return null;
  return { kind, body, checksum, value: raw };
}

/** SHA-256 hex of the full key: what the database stores and looks up by. */
export function hashKey(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** What the UI may show: the prefix and the first 6 characters of the body (`sck_AbC123`). */
export function displayPrefix(kind: KeyKind, body: string): string {
  return `${KEY_PREFIXES[kind]}${body.slice(0, 6)}`;
}
