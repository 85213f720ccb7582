// GitHub's secret-scanning public keys and the signature check on a report. GitHub signs the raw
// request body with ECDSA P-256 / SHA-256 (DER signature, base64) and names the key in
// Github-Public-Key-Identifier; the keys are published at a URL (GitHub's
// https://api.github.com/meta/public_keys/secret_scanning, a local fake in tests).
//
// Keys are cached per process — an optimisation over a public, rarely changing document, not
// state. An identifier we do not know makes us refetch (GitHub rotated its key), at most once per
// `minRefetchMs`, so unsigned junk with random identifiers cannot make us hammer the URL.
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { z } from "zod";

const KeysDocument = z.object({
  public_keys: z
    .array(z.object({ key_identifier: z.string().min(1), key: z.string().min(1) }))
    .max(100),
});

export class KeysUnavailableError extends Error {
  constructor(cause: unknown) {
    super("GitHub's secret-scanning public keys could not be fetched.", { cause });
    this.name = "KeysUnavailableError";
  }
}

export type GitHubKeySet = {
  /** True only for a good signature of `body` by the P-256 key `keyId` names. */
  verify: (body: Buffer, keyId: string, signatureBase64: string) => Promise<boolean>;
  /** How many times the keys document was fetched (tests). */
  fetches: () => number;
};

function parseP256(pem: string): KeyObject | null {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== "ec") return null;
    return key.asymmetricKeyDetails?.namedCurve === "prime256v1" ? key : null;
  } catch {
    return null;
  }
}

export function createGitHubKeySet(options: {
  url: string;
  fetchImpl?: typeof fetch;
  minRefetchMs?: number;
  timeoutMs?: number;
  /** Milliseconds now (tests move it forward). */
  clock?: () => number;
}): GitHubKeySet {
  const clock = options.clock ?? Date.now;
  const fetchImpl = options.fetchImpl ?? fetch;
  const minRefetchMs = options.minRefetchMs ?? 10_000;
  let keys: Map<string, KeyObject> | null = null;
  let lastFetchAt = -Infinity;
  let inFlight: Promise<Map<string, KeyObject>> | null = null;
  let count = 0;
  let lastError: unknown = null;

  async function load(): Promise<Map<string, KeyObject>> {
    count++;
    lastFetchAt = clock();
    try {
      const res = await fetchImpl(options.url, {
        headers: { accept: "application/json" },
        redirect: "error",
        signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
      });
      if (!res.ok) throw new Error(`status ${res.status}`);
      const doc = KeysDocument.parse(await res.json());
      const next = new Map<string, KeyObject>();
      for (const k of doc.public_keys) {
        const key = parseP256(k.key);
        if (key) next.set(k.key_identifier, key);
      }
      keys = next;
      return next;
    } catch (error) {
      lastError = error;
      throw new KeysUnavailableError(error);
    }
  }

  const refresh = () => {
    inFlight ??= load().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  async function keyFor(keyId: string): Promise<KeyObject | null> {
    const known = keys?.get(keyId);
    if (known) return known;
    if (!inFlight && clock() - lastFetchAt < minRefetchMs) {
      // Fetched moments ago: the identifier is unknown, or GitHub is still unreachable.
      if (keys) return null;
      throw new KeysUnavailableError(lastError);
    }
    try {
      return (await refresh()).get(keyId) ?? null;
    } catch (error) {
      // With keys already cached, a failed refetch means "unknown identifier", not an outage.
      if (keys) return null;
      throw error;
    }
  }

  return {
    async verify(body, keyId, signatureBase64) {
      if (!keyId || keyId.length > 200 || !signatureBase64 || signatureBase64.length > 400) {
        return false;
      }
      const key = await keyFor(keyId);
      if (!key) return false;
      const signature = Buffer.from(signatureBase64, "base64");
      if (!signature.length) return false;
      try {
        return verify("sha256", body, { key, dsaEncoding: "der" }, signature);
      } catch {
        return false;
      }
    },
    fetches: () => count,
  };
}
