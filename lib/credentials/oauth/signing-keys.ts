// The asymmetric keys (EdDSA, Ed25519) that sign bearer tokens. The private half is stored sealed
// with a key derived from AUTH_SECRET; public halves are served at /.well-known/jwks.json and kept
// in memory, so verifying a token needs no database round trip.
import { createPublicKey, randomUUID, type KeyObject } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { db } from "@/lib/db";
import { open, seal } from "./secret-box";

export const SIGNING_ALG = "EdDSA";
const PURPOSE = "jwt-signing-key";
// How long in-memory public keys are trusted before a reload (new kids also trigger a reload).
const PUBLIC_KEYS_TTL_MS = 5 * 60_000;
const UNKNOWN_KID_RELOAD_MS = 10_000;

type SigningKey = { kid: string; privateKey: CryptoKey };
export type PublicJwk = JWK & { kid: string; alg: string; use: "sig" };

const state = globalThis as unknown as {
  signalDiffSigning?: Promise<SigningKey>;
  signalDiffPublicKeys?: {
    loadedAt: number;
    keys: Map<string, { jwk: PublicJwk; key: KeyObject }>;
  };
  signalDiffPublicLoad?: Promise<void>;
};

export async function createOrLoadCurrent(): Promise<SigningKey> {
  // Two servers starting at once must not each mint a key: an advisory lock serialises creation.
  const row = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('signal-diff:jwt-signing-key'))`;
    const current = await tx.jwtSigningKey.findFirst({
      where: { retiredAt: null },
      orderBy: { createdAt: "desc" },
    });
    if (current) return current;
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
  });
  const privateKey = (await importJWK(
    JSON.parse(open(row.privateJwk, PURPOSE)) as JWK,
    SIGNING_ALG,
  )) as CryptoKey;
  return { kid: row.kid, privateKey };
}

/** The key that signs new tokens (created on first use, then cached for the process). */
export function currentSigningKey(): Promise<SigningKey> {
  state.signalDiffSigning ??= createOrLoadCurrent().catch((error: unknown) => {
    state.signalDiffSigning = undefined;
    throw error;
  });
  return state.signalDiffSigning;
}

async function loadPublicKeys() {
  const rows = await db.jwtSigningKey.findMany({ orderBy: { createdAt: "desc" } });
  const keys = new Map<string, { jwk: PublicJwk; key: KeyObject }>();
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
  state.signalDiffPublicKeys = { loadedAt: Date.now(), keys };
}

function reloadPublicKeys(): Promise<void> {
  state.signalDiffPublicLoad ??= loadPublicKeys().finally(() => {
    state.signalDiffPublicLoad = undefined;
  });
  return state.signalDiffPublicLoad;
}

/** The verification key for `kid`, from memory; the database is read only when memory is stale. */
export async function publicKeyFor(kid: string | undefined): Promise<KeyObject | null> {
  if (!kid) return null;
  const cached = state.signalDiffPublicKeys;
  const age = cached ? Date.now() - cached.loadedAt : Infinity;
  if (
    !cached ||
    age > PUBLIC_KEYS_TTL_MS ||
    (!cached.keys.has(kid) && age > UNKNOWN_KID_RELOAD_MS)
  ) {
    await reloadPublicKeys();
  }
  return state.signalDiffPublicKeys?.keys.get(kid)?.key ?? null;
}

/** Public JWKS for /.well-known/jwks.json (never includes private members). */
export async function publicJwks(): Promise<{ keys: PublicJwk[] }> {
  await currentSigningKey();
  await reloadPublicKeys();
  const keys = [...(state.signalDiffPublicKeys?.keys.values() ?? [])].map(({ jwk }) => ({
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
  state.signalDiffSigning = undefined;
  state.signalDiffPublicKeys = undefined;
}
