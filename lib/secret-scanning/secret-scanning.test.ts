// GitHub secret-scanning reports end to end against PostgreSQL and a local stand-in for GitHub's
// public-keys URL: the signature check (good, bad, unknown key id, tampered body, key rotation),
// and what a verified report does to a CI key and an API client.
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type KeyPair = { id: string; privateKey: KeyObject; pem: string };
function keyPair(id: string, curve = "P-256"): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: curve });
  return { id, privateKey, pem: publicKey.export({ type: "spki", format: "pem" }).toString() };
}
const signBody = (body: string, key: KeyPair) =>
  sign("sha256", Buffer.from(body), { key: key.privateKey, dsaEncoding: "der" }).toString("base64");

// The fake GitHub: serves whichever keys the test publishes, and counts requests.
let published: KeyPair[] = [];
let up = true;
let server: Server;
let keysUrl = "";

const current = keyPair("github-current");
const other = keyPair("not-githubs");

let app: typeof import("@/lib/machine-api/app").machineApp;
let mod: {
  createGitHubKeySet: typeof import("./github-keys").createGitHubKeySet;
  db: typeof import("@/lib/db").db;
  teamWithKey: typeof import("@/test/machine-api").teamWithKey;
  authenticateCiKey: typeof import("@/lib/credentials/ci-keys/authenticate").authenticateCiKey;
  rotateKey: typeof import("@/lib/credentials/ci-keys/rotate-key").rotateKey;
  listKeys: typeof import("@/lib/credentials/ci-keys/list-keys").listKeys;
  createApiClient: typeof import("@/lib/credentials/api-clients/manage-clients").createApiClient;
  hashKey: typeof import("@/lib/credentials/material/key-material").hashKey;
  generateKey: typeof import("@/lib/credentials/material/key-material").generateKey;
  produceNotices: typeof import("@/lib/notices/produce-notices").produceNotices;
  countOpenNotices: typeof import("@/lib/notices/list-notices").countOpenNotices;
};

beforeAll(async () => {
  server = createServer((req, res) => {
    if (!up) {
      res.writeHead(502).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        public_keys: published.map((k) => ({ key_identifier: k.id, key: k.pem, is_current: true })),
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  keysUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/meta/public_keys/secret_scanning`;
  // Read by lib/env.ts at first use, so set before the app is loaded.
  process.env.GITHUB_SECRET_SCANNING_KEYS_URL = keysUrl;
  published = [current];
  app = (await import("@/lib/machine-api/app")).machineApp;
  mod = {
    createGitHubKeySet: (await import("./github-keys")).createGitHubKeySet,
    db: (await import("@/lib/db")).db,
    teamWithKey: (await import("@/test/machine-api")).teamWithKey,
    authenticateCiKey: (await import("@/lib/credentials/ci-keys/authenticate")).authenticateCiKey,
    rotateKey: (await import("@/lib/credentials/ci-keys/rotate-key")).rotateKey,
    listKeys: (await import("@/lib/credentials/ci-keys/list-keys")).listKeys,
    createApiClient: (await import("@/lib/credentials/api-clients/manage-clients")).createApiClient,
    hashKey: (await import("@/lib/credentials/material/key-material")).hashKey,
    generateKey: (await import("@/lib/credentials/material/key-material")).generateKey,
    produceNotices: (await import("@/lib/notices/produce-notices")).produceNotices,
    countOpenNotices: (await import("@/lib/notices/list-notices")).countOpenNotices,
  };
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
});

function report(body: string, headers: Record<string, string>) {
  return app.fetch(
    new Request("http://localhost/api/secret-scanning/github", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    }),
  );
}
const signed = (body: string, key = current) =>
  report(body, {
    "Github-Public-Key-Identifier": key.id,
    "Github-Public-Key-Signature": signBody(body, key),
  });

describe("GitHub's signature on a report", () => {
  it("accepts a good signature, refuses a bad one, a tampered body and another curve", async () => {
    published = [current];
    const keys = mod.createGitHubKeySet({ url: keysUrl, minRefetchMs: 0 });
    const body = Buffer.from('[{"token":"x","type":"t","url":"https://github.com/a/b"}]');
    const good = signBody(body.toString(), current);
    expect(await keys.verify(body, current.id, good)).toBe(true);
    expect(await keys.verify(body, current.id, signBody(body.toString(), other))).toBe(false);
    expect(
      await keys.verify(Buffer.from(body.toString().replace("x", "y")), current.id, good),
    ).toBe(false);
    expect(await keys.verify(body, current.id, "")).toBe(false);
    expect(await keys.verify(body, current.id, "bm90IGEgc2lnbmF0dXJl")).toBe(false);
    // Keys are cached: four checks, one fetch.
    expect(keys.fetches()).toBe(1);
    // A P-384 key published under an id is never used, even with a valid P-384 signature.
    const p384 = keyPair("p384", "P-384");
    published = [current, p384];
    expect(await keys.verify(body, p384.id, signBody(body.toString(), p384))).toBe(false);
  });

  it("refetches on an unknown identifier (GitHub rotated), but at most once per interval", async () => {
    published = [current];
    let now = 1_000_000;
    const keys = mod.createGitHubKeySet({ url: keysUrl, minRefetchMs: 60_000, clock: () => now });
    const body = Buffer.from("[]");
    expect(await keys.verify(body, current.id, signBody("[]", current))).toBe(true);
    const rotated = keyPair("github-next");
    published = [current, rotated];
    // Unknown ids right after a fetch do not fetch again.
    for (let i = 0; i < 5; i++) expect(await keys.verify(body, `junk-${i}`, "AAAA")).toBe(false);
    expect(keys.fetches()).toBe(1);
    // A minute on, an unknown id → one refetch, which finds GitHub's new key.
    now += 60_001;
    expect(await keys.verify(body, rotated.id, signBody("[]", rotated))).toBe(true);
    expect(keys.fetches()).toBe(2);
    expect(await keys.verify(body, current.id, signBody("[]", current))).toBe(true);
    expect(keys.fetches()).toBe(2);
  });

  it("says unavailable (not 'bad signature') when the keys cannot be fetched at all", async () => {
    up = false;
    try {
      const keys = mod.createGitHubKeySet({ url: keysUrl, minRefetchMs: 60_000 });
      await expect(keys.verify(Buffer.from("[]"), current.id, "AAAA")).rejects.toThrow(
        /could not be fetched/,
      );
      // And does not hammer the URL while it is down.
      await expect(keys.verify(Buffer.from("[]"), current.id, "AAAA")).rejects.toThrow();
      expect(keys.fetches()).toBe(1);
    } finally {
      up = true;
    }
  });
});

describe("POST /api/secret-scanning/github", () => {
  it("answers 401 to a missing, wrong or unknown-key signature and changes nothing", async () => {
    published = [current];
    const { secret, keyId } = await mod.teamWithKey("Unsigned");
    const body = JSON.stringify([{ token: secret, type: "signal_diff_ci_api_key" }]);
    const attempts = [
      await report(body, {}),
      await report(body, {
        "Github-Public-Key-Identifier": current.id,
        "Github-Public-Key-Signature": signBody(body, other),
      }),
      await report(body, {
        "Github-Public-Key-Identifier": other.id,
        "Github-Public-Key-Signature": signBody(body, other),
      }),
      // Signed, then tampered with.
      await report(body.replace("signal_diff", "signal-diff"), {
        "Github-Public-Key-Identifier": current.id,
        "Github-Public-Key-Signature": signBody(body, current),
      }),
    ];
    // No oracle: a token that is not ours gets the very same answer as a live key.
    const stranger = JSON.stringify([
      { token: mod.generateKey("ci").value, type: "signal_diff_ci_api_key" },
    ]);
    attempts.push(
      await report(stranger, {}),
      await report(stranger, {
        "Github-Public-Key-Identifier": current.id,
        "Github-Public-Key-Signature": signBody(stranger, other),
      }),
      await report(body, {
        "Github-Public-Key-Identifier": "x".repeat(10_000),
        "Github-Public-Key-Signature": "A".repeat(10_000),
      }),
    );
    const answers = await Promise.all(attempts.map(async (r) => [r.status, await r.text()]));
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]?.[0]).toBe(401);
    expect(await mod.authenticateCiKey(secret)).not.toBeNull();
    const row = await mod.db.ciApiKey.findUniqueOrThrow({ where: { id: keyId } });
    expect(row.leakedAt).toBeNull();
  });

  it("disables a reported CI key until Rotate, labels each token, audits and notices once", async () => {
    published = [current];
    const { secret, keyId, team, owner } = await mod.teamWithKey("Leaky");
    const unknown = mod.generateKey("ci").value;
    const body = JSON.stringify([
      {
        token: secret,
        type: "signal_diff_ci_api_key",
        url: "https://github.com/o/r/blob/1/ci.yml",
        source: "content",
      },
      { token: unknown, type: "signal_diff_ci_api_key" },
      { token: "not-ours-at-all", type: "other", url: "javascript:alert(1)" },
    ]);
    const res = await signed(body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      {
        token_hash: mod.hashKey(secret),
        token_type: "signal_diff_ci_api_key",
        label: "true_positive",
      },
      {
        token_hash: mod.hashKey(unknown),
        token_type: "signal_diff_ci_api_key",
        label: "false_positive",
      },
      { token_hash: mod.hashKey("not-ours-at-all"), token_type: "other", label: "false_positive" },
    ]);
    // Disabled at once: the next request gets the same null (→ the same 401) as any bad key.
    expect(await mod.authenticateCiKey(secret)).toBeNull();
    const listed = await mod.listKeys(team.id);
    expect(listed.rows.find((r) => r.id === keyId)?.status).toBe("leaked");
    const audit = await mod.db.auditLog.findFirstOrThrow({
      where: { teamId: team.id, targetId: keyId, action: "ci_key.leaked" },
    });
    expect(audit.actorLabel).toBe("GitHub secret scanning");
    expect(JSON.stringify(audit)).not.toContain(secret);
    const notices = await mod.db.notice.findMany({ where: { teamId: team.id } });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      kind: "ci_key_leaked",
      eventType: "ci_key.leaked",
      subjectId: keyId,
      resolvedAt: null,
    });
    expect(JSON.stringify(notices[0]?.data)).toContain("https://github.com/o/r/blob/1/ci.yml");
    expect(JSON.stringify(notices)).not.toContain(secret);

    // Reported again (GitHub re-scans): still ours, nothing new recorded.
    expect(await (await signed(body)).json()).toMatchObject([{ label: "true_positive" }, {}, {}]);
    expect(await mod.db.notice.count({ where: { teamId: team.id } })).toBe(1);
    expect(
      await mod.db.auditLog.count({ where: { targetId: keyId, action: "ci_key.leaked" } }),
    ).toBe(1);

    // The scheduled producer keeps it open while leaked…
    await mod.produceNotices({ teamId: team.id });
    expect(await mod.countOpenNotices(team.id, owner.id)).toBe(1);
    // …Rotate restores the same record with a new secret…
    const rotated = await mod.rotateKey({
      teamId: team.id,
      keyId,
      confirm: "ROTATE",
      actor: { userId: owner.id, label: "owner", role: "owner" },
    });
    expect(rotated.keyId).toBe(keyId);
    expect(await mod.authenticateCiKey(rotated.secret)).toMatchObject({ teamId: team.id });
    expect(await mod.authenticateCiKey(secret)).toBeNull();
    expect((await mod.listKeys(team.id)).rows.find((r) => r.id === keyId)?.status).toBe("active");
    // …and the notice resolves on the producer's next run.
    expect(await mod.produceNotices({ teamId: team.id })).toMatchObject({ resolved: 1 });
    expect(await mod.countOpenNotices(team.id, owner.id)).toBe(0);
    // The old secret reported after rotation is no longer ours.
    expect(await (await signed(body)).json()).toMatchObject([{ label: "false_positive" }, {}, {}]);
  });

  it("deletes a reported API client and its issued tokens stop working", async () => {
    published = [current];
    const { team } = await mod.teamWithKey("Client leak");
    const client = await mod.createApiClient({
      teamId: team.id,
      label: "deploy bot",
      scopes: ["read"],
      expiresAt: null,
      actor: { label: "test" },
    });
    const tokenRes = await app.fetch(
      new Request("http://localhost/api/oauth/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: client.clientId,
          client_secret: client.clientSecret,
        }),
      }),
    );
    const { access_token: token } = (await tokenRes.json()) as { access_token: string };
    const teamRead = () =>
      app.fetch(
        new Request("http://localhost/api/v1/team", {
          headers: { authorization: `Bearer ${token}` },
        }),
      );
    expect((await teamRead()).status).toBe(200);

    const body = JSON.stringify([
      { token: client.clientSecret, type: "signal_diff_api_client_secret" },
      // The client id is public: never a leak.
      { token: client.clientId, type: "signal_diff_api_client_id" },
    ]);
    expect(await (await signed(body)).json()).toEqual([
      {
        token_hash: mod.hashKey(client.clientSecret),
        token_type: "signal_diff_api_client_secret",
        label: "true_positive",
      },
      {
        token_hash: mod.hashKey(client.clientId),
        token_type: "signal_diff_api_client_id",
        label: "false_positive",
      },
    ]);
    expect((await teamRead()).status).toBe(401);
    const row = await mod.db.apiClient.findUniqueOrThrow({ where: { id: client.id } });
    expect(row.deletedAt).not.toBeNull();
    expect(row.tokensRevokedAt).not.toBeNull();
    const actions = (
      await mod.db.auditLog.findMany({ where: { targetId: client.id }, select: { action: true } })
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "api_client.deleted",
        "api_client.tokens_revoked",
        "api_client.leaked",
      ]),
    );
    const notice = await mod.db.notice.findFirstOrThrow({ where: { teamId: team.id } });
    expect(notice).toMatchObject({ kind: "api_client_leaked", eventType: "api_client.leaked" });
    // Reported again: still ours (a verified reporter may know), nothing more happens.
    expect(await (await signed(body)).json()).toMatchObject([{ label: "true_positive" }, {}]);
    expect(await mod.db.notice.count({ where: { teamId: team.id } })).toBe(1);
  });

  it("answers 400 to a verified body that is not the documented array", async () => {
    published = [current];
    const { secret, keyId } = await mod.teamWithKey("Nul");
    const nul = JSON.stringify([{ token: secret, type: "t", source: "content\u0000" }]);
    for (const body of ["{}", "[]", '[{"token":1}]', "not json", nul]) {
      expect((await signed(body)).status).toBe(400);
    }
    const row = await mod.db.ciApiKey.findUniqueOrThrow({ where: { id: keyId } });
    expect(row.leakedAt).toBeNull();
  });

  it("refuses 10,000 tokens whole (400) and bodies over 1 MiB (413), signed or not", async () => {
    published = [current];
    const { secret, keyId } = await mod.teamWithKey("Flood");
    // A signed report of 10,000 matches with a live key first: refused before any is acted on.
    const flood = JSON.stringify(
      Array.from({ length: 10_000 }, (_, i) => ({
        token: i === 0 ? secret : `tok_${i}`,
        type: "signal_diff_ci_api_key",
      })),
    );
    expect(flood.length).toBeLessThan(1024 * 1024);
    expect((await signed(flood)).status).toBe(400);
    expect(await mod.authenticateCiKey(secret)).not.toBeNull();
    // Past the cap, by declared length or streamed without one: 413 before any signature check.
    const huge = `[${'{"token":"x","type":"t"},'.repeat(45_000)}{"token":"y","type":"t"}]`;
    expect(huge.length).toBeGreaterThan(1024 * 1024);
    expect((await signed(huge)).status).toBe(413);
    const streamed = await app.fetch(
      new Request("http://localhost/api/secret-scanning/github", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: new ReadableStream({
          start(c) {
            for (let i = 0; i < 20; i++) c.enqueue(new Uint8Array(100_000).fill(0x20));
            c.close();
          },
        }),
        duplex: "half",
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    const row = await mod.db.ciApiKey.findUniqueOrThrow({ where: { id: keyId } });
    expect(row.leakedAt).toBeNull();
  });
});
