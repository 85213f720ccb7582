// The team's signing secret at rest: created with the team (older teams get theirs on first use),
// sealed with AES-256-GCM (lib/credentials/oauth/secret-box.ts) because it must sign, opened only
// to sign a delivery or to show it to an owner or admin.
import { randomBytes } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { open, seal } from "@/lib/credentials/oauth/secret-box";
import { SECRET_PREFIX, secretKey } from "@/lib/webhooks/sign";

export const SEALING_PURPOSE = "webhook-signing-secret";
const SECRET_BYTES = 32;

/** A fresh signing secret: `whsec_` + base64 of 32 bytes from the CSPRNG (Standard Webhooks). */
export function generateSigningSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString("base64")}`;
}

export const sealSecret = (secret: string) => seal(secret, SEALING_PURPOSE);
export const openSecret = (sealed: string) => open(sealed, SEALING_PURPOSE);

/** The team's secret row, creating it when the team has none yet (safe under concurrency). */
export async function ensureSigningSecret(teamId: string, client: Tx | typeof db = db) {
  const existing = await client.webhookSigningSecret.findUnique({ where: { teamId } });
  if (existing) return existing;
  await client.webhookSigningSecret.createMany({
    data: [{ teamId, sealedSecret: sealSecret(generateSigningSecret()) }],
    skipDuplicates: true,
  });
  return client.webhookSigningSecret.findUniqueOrThrow({ where: { teamId } });
}

/** True while the previous secret (after a rotation) still signs deliveries. */
export function previousActive(
  row: { sealedPrevious: string | null; previousExpiresAt: Date | null },
  now: Date,
): boolean {
  return row.sealedPrevious !== null && !!row.previousExpiresAt && row.previousExpiresAt > now;
}

/** The HMAC keys a delivery is signed with now: the current secret, then a still-valid previous. */
export async function signingKeysFor(teamId: string, now: Date = new Date()): Promise<Buffer[]> {
  const row = await ensureSigningSecret(teamId);
  const keys = [secretKey(openSecret(row.sealedSecret))];
  if (previousActive(row, now) && row.sealedPrevious) {
    keys.push(secretKey(openSecret(row.sealedPrevious)));
  }
  return keys;
}
