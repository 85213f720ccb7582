// Encryption at rest for server-held secrets (the JWT signing keys' private halves): AES-256-GCM
// with a key derived from AUTH_SECRET by HKDF, so a database dump alone cannot sign tokens.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/env";

const VERSION = "v1";

function keyFor(purpose: string, secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "signal-diff", `secret-box:${purpose}`, 32));
}

export function seal(plaintext: string, purpose: string, secret: string = authSecret()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose, secret), iv);
  cipher.setAAD(Buffer.from(purpose));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function open(sealed: string, purpose: string, secret: string = authSecret()): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || data === undefined)
    throw new Error("Unreadable sealed value.");
  const decipher = createDecipheriv(
    "aes-256-gcm",
    keyFor(purpose, secret),
    Buffer.from(iv, "base64url"),
  );
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([
    decipher.update(Buffer.from(data, "base64url")),
    decipher.final(),
  ]).toString("utf8");
}
