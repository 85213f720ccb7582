// Standard Webhooks signatures (https://www.standardwebhooks.com): HMAC-SHA256 over
// `${webhook-id}.${webhook-timestamp}.${body}` with the secret's base64-decoded bytes, sent as
// `v1,<base64>`; several signatures are separated by spaces so a receiver holding either the new
// or the previous secret verifies during a rotation.
// The secrets themselves live in lib/credentials/signing-secret; delivery receives their keys.
import { createHmac } from "node:crypto";

export const SECRET_PREFIX = "whsec_";

/** The HMAC key inside a `whsec_…` secret. */
export function secretKey(secret: string): Buffer {
  const body = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = Buffer.from(body, "base64");
  if (key.length === 0) throw new Error("Empty signing secret.");
  return key;
}

/** One `v1,<base64>` signature of a message. `timestamp` is in whole seconds. */
export function signMessage(key: Buffer, msgId: string, timestamp: number, body: string): string {
  const mac = createHmac("sha256", key).update(`${msgId}.${timestamp}.`).update(body);
  return `v1,${mac.digest("base64")}`;
}

/** The `webhook-signature` header: one signature per key, newest first, space-separated. */
export function signatureHeader(
  keys: readonly Buffer[],
  msgId: string,
  timestamp: number,
  body: string,
): string {
  return keys.map((k) => signMessage(k, msgId, timestamp, body)).join(" ");
}
