// The asymmetric keys (EdDSA, Ed25519) that sign bearer tokens. The private half is stored sealed
// with a key derived from AUTH_SECRET; public halves are served at /.well-known/jwks.json and kept
// in memory, so verifying a token needs no database round trip. The database is the truth: a
// trigger notifies every process (lib/pg-notify.ts) when a key is created, retired or deleted, and
// each drops its cached keys at once; without a live listener, entries live STALE_AFTER_MS.
import {
  createPrivateKey,
  createPublicKey,
  randomUUID,
  type JsonWebKey as NodeJsonWebKey,
  type KeyObject,
} from "node:crypto";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { db, type Tx } from "@/lib/db";
import { listenerEpoch, listenerLive, subscribeInvalidations } from "@/lib/pg-notify";
import { open, seal } from "./secret-box";

export const SIGNING_ALG = "EdDSA";
const PURPOSE = "jwt-signing-key";
// A kid we do not know triggers at most one reload per this interval (forged kids are cheap).
const UNKNOWN_KID_RELOAD_MS = 10_000;
const STALE_AFTER_MS = 500;

// A node:crypto KeyObject signs synchronously, ~3× cheaper here than jose over WebCrypto.
type SigningKey = { kid: string; privateKey: KeyObject };
export type PublicJwk = JWK & { kid: string; alg: string; use: "sig" };
type PublicKeys = Map<string, { jwk: PublicJwk; key: KeyObject }>;
type Cached<T> = { epoch: number; loadedAt: number; value: T };

let signing: Cached<Promise<SigningKey>> | null = null;
let publicKeys: Cached<PublicKeys> | null = null;
let publicLoad: Promise<PublicKeys> | null = null;
// Bumped by every notification, so a load that started before a change is not cached.
let version = 0;
let subscribed = false;

function watch() {
  if (subscribed) return;
  subscribed = true;
  subscribeInvalidations({
    onMessage: (message) => {
      if (message.t !== "signing_keys") return;
      version++;
      signing = null;
      publicKeys = null;
    },
    onReset: () => undefined,
  });
}

function fresh<T>(entry: Cached<T> | null): entry is Cached<T> {
  if (!entry) return false;
  if (listenerLive() && entry.epoch === listenerEpoch()) return true;
  return Date.now() - entry.loadedAt < STALE_AFTER_MS;
}

async function createKey(tx: Tx) {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, {
    crv: "Ed25519",
    extractable: true,
  });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: "sig" };
  return tx.jwtSigningKey.create({
    data: {
      kid,
      alg: SIGNING_ALG,
      publicJwk,
      privateJwk: seal(JSON.stringify(await exportJWK(privateKey)), PURPOSE),
    },
  });
}

/**
 * Retires every live key and creates a new one, in one transaction. Retired keys still verify the
 * tokens they signed (until those expire); every process signs with the new key within a second.
 */
export async function rotateSigningKey(): Promise<string> {
  const row = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('signal-diff:jwt-signing-key'))`;
    await tx.jwtSigningKey.updateMany({
      where: { retiredAt: null },
      data: { retiredAt: new Date() },
    });
    return createKey(tx);
  });
  return row.kid;
}

export async function createOrLoadCurrent(): Promise<SigningKey> {
  // Two servers starting at once must not each mint a key: an advisory lock serialises creation.
  const row = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('signal-diff:jwt-signing-key'))`;
    const current = await tx.jwtSigningKey.findFirst({
      where: { retiredAt: null },
      orderBy: { createdAt: "desc" },
    });
    return current ?? createKey(tx);
  });
  const privateKey = createPrivateKey({
    key: JSON.parse(open(row.privateJwk, PURPOSE)) as NodeJsonWebKey,
    format: "jwk",
  });
  return { kid: row.kid, privateKey };
}

/** The key that signs new tokens (created on first use, cached until a change is notified). */
export function currentSigningKey(): Promise<SigningKey> {
  watch();
  if (fresh(signing)) return signing.value;
  const entry: Cached<Promise<SigningKey>> = {
    epoch: listenerEpoch(),
    loadedAt: Date.now(),
    value: createOrLoadCurrent().catch((error: unknown) => {
      if (signing === entry) signing = null;
      throw error;
    }),
  };
  signing = entry;
  return entry.value;
}

async function loadPublicKeys(): Promise<PublicKeys> {
  const epoch = listenerEpoch();
  const seen = version;
  const rows = await db.jwtSigningKey.findMany({ orderBy: { createdAt: "desc" } });
  const keys: PublicKeys = new Map();
  for (const row of rows) {
    const jwk = row.publicJwk as PublicJwk;
    // A node:crypto KeyObject verifies synchronously (~35% cheaper here than a WebCrypto key).
    keys.set(row.kid, {
      jwk,
      key: createPublicKey({
        key: { kty: String(jwk.kty), crv: String(jwk.crv), x: String(jwk.x) },
        format: "jwk",
      }),
    });
  }
  if (seen === version) publicKeys = { epoch, loadedAt: Date.now(), value: keys };
  return keys;
}

function reloadPublicKeys(): Promise<PublicKeys> {
  publicLoad ??= loadPublicKeys().finally(() => {
    publicLoad = null;
  });
  return publicLoad;
}

/** The verification key for `kid`, from memory; the database is read only when memory is stale. */
export async function publicKeyFor(kid: string | undefined): Promise<KeyObject | null> {
  if (!kid) return null;
  watch();
  let keys = fresh(publicKeys) ? publicKeys.value : await reloadPublicKeys();
  if (!keys.has(kid) && publicKeys && Date.now() - publicKeys.loadedAt > UNKNOWN_KID_RELOAD_MS)
    keys = await reloadPublicKeys();
  return keys.get(kid)?.key ?? null;
}

/** Public JWKS for /.well-known/jwks.json (never includes private members). */
export async function publicJwks(): Promise<{ keys: PublicJwk[] }> {
  watch();
  await currentSigningKey();
  const keys = [...(await reloadPublicKeys()).values()].map(({ jwk }) => ({
    kty: jwk.kty,
    crv: jwk.crv,
    x: jwk.x,
    kid: jwk.kid,
    alg: jwk.alg,
    use: jwk.use,
  }));
  return { keys };
}

/** For tests: forget in-memory keys. */
export function resetSigningKeyCache() {
  version++;
  signing = null;
  publicKeys = null;
}
