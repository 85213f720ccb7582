// Client credentials → JWT → REST API, against real PostgreSQL and real signatures.
import {
  createLocalJWKSet,
  decodeProtectedHeader,
  jwtVerify,
  SignJWT,
  generateKeyPair,
} from "jose";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as getTeam, PATCH as patchTeam } from "@/app/api/v1/team/route";
import { GET as getJwks } from "@/app/.well-known/jwks.json/route";
import {
  createApiClient,
  deleteApiClient,
  listApiClients,
} from "@/lib/credentials/api-clients/manage-clients";
import type { Scope } from "@/lib/credentials/api-clients/scopes";
import { db } from "@/lib/db";
import { hashKey } from "@/lib/credentials/material/key-material";
import { machineApp } from "@/lib/machine-api/app";
import { CLIENT_IP_HEADER } from "@/lib/audit/request-meta";
import { makeTeam } from "@/test/fixtures";
import { resetRevocationList } from "./revocation";
import { currentSigningKey } from "./signing-keys";
import { tokenAudience, tokenIssuer } from "./tokens";

let ipCounter = 0;

function tokenRequest(
  body: Record<string, string> | string,
  { basic, json = false, ip }: { basic?: [string, string]; json?: boolean; ip?: string } = {},
) {
  const headers: Record<string, string> = {
    "content-type": json ? "application/json" : "application/x-www-form-urlencoded",
    // The socket address, as the production server passes it. A fresh one per request keeps the
    // per-IP limit out of the way except where tested.
    [CLIENT_IP_HEADER]: ip ?? `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`,
  };
  if (basic)
    headers.authorization = `Basic ${Buffer.from(`${basic[0]}:${basic[1]}`).toString("base64")}`;
  const payload =
    typeof body === "string"
      ? body
      : json
        ? JSON.stringify(body)
        : new URLSearchParams(body).toString();
  return machineApp.fetch(
    new Request("http://localhost/api/oauth/token", { method: "POST", headers, body: payload }),
  );
}

async function newClient(opts: { scopes?: Scope[]; expiresAt?: Date | null } = {}) {
  const { owner, team } = await makeTeam("Acme");
  const client = await createApiClient({
    teamId: team.id,
    label: "ci-pipeline",
    scopes: opts.scopes ?? ["full"],
    expiresAt: opts.expiresAt ?? null,
    actor: { userId: owner.id, label: "owner" },
  });
  return { owner, team, client };
}

async function token(clientId: string, secret: string, scope?: string) {
  const res = await tokenRequest({
    grant_type: "client_credentials",
    client_id: clientId,
    client_secret: secret,
    ...(scope ? { scope } : {}),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    access_token: string;
    expires_in: number;
    scope: string;
    token_type: string;
  };
}

function api(method: "GET" | "PATCH", accessToken: string | null, body?: unknown) {
  const headers: Record<string, string> = {};
  if (accessToken !== null) headers.authorization = `Bearer ${accessToken}`;
  if (body) headers["content-type"] = "application/json";
  const req = new NextRequest("http://localhost/api/v1/team", {
    method,
    headers,
    body: body ? JSON.stringify(body) : undefined,
  });
  return Promise.resolve(method === "GET" ? getTeam(req) : patchTeam(req));
}

beforeEach(() => resetRevocationList());

describe("API clients", () => {
  it("creates a dh_live_ client id and a dh_secret_ secret stored only as a hash", async () => {
    const { team, client } = await newClient();
    expect(client.clientId).toMatch(/^dh_live_[0-9A-Za-z]{38}$/);
    expect(client.clientSecret).toMatch(/^dh_secret_[0-9A-Za-z]{38}$/);
    const row = await db.apiClient.findUniqueOrThrow({ where: { id: client.id } });
    expect(row.secretHash).toBe(hashKey(client.clientSecret));
    const list = await listApiClients(team.id);
    expect(list).toHaveLength(1);
    expect(list[0]?.clientId).toBe(client.clientId);
    expect(JSON.stringify(list)).not.toContain(client.clientSecret);
    expect(JSON.stringify(list)).not.toContain(row.secretHash);
  });
});

describe("POST /api/oauth/token", () => {
  it("issues an RFC 9068 JWT by body (form and JSON) and HTTP Basic auth, verifiable via JWKS", async () => {
    const { team, client } = await newClient();
    const form = await token(client.clientId, client.clientSecret);
    const json = await (
      await tokenRequest(
        {
          grant_type: "client_credentials",
          client_id: client.clientId,
          client_secret: client.clientSecret,
        },
        { json: true },
      )
    ).json();
    const basicRes = await tokenRequest(
      { grant_type: "client_credentials" },
      { basic: [client.clientId, client.clientSecret] },
    );
    expect(basicRes.status).toBe(200);
    expect(basicRes.headers.get("cache-control")).toBe("no-store");
    const basic = await basicRes.json();
    for (const t of [form, json, basic]) {
      expect(t).toMatchObject({ token_type: "Bearer", scope: "full" });
      expect(t.expires_in).toBeGreaterThan(0);
      expect(t.expires_in).toBeLessThanOrEqual(86_400);
    }
    const jwks = await (
      await getJwks(new NextRequest("http://localhost/.well-known/jwks.json"))
    ).json();
    expect(jwks.keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
    expect(jwks.keys[0]).not.toHaveProperty("d");
    const { payload, protectedHeader } = await jwtVerify(
      form.access_token,
      createLocalJWKSet(jwks),
      {
        issuer: tokenIssuer(),
        audience: tokenAudience(),
        typ: "at+jwt",
      },
    );
    expect(protectedHeader).toMatchObject({ alg: "EdDSA", typ: "at+jwt" });
    expect(protectedHeader.kid).toBe(jwks.keys[0].kid);
    expect(payload).toMatchObject({
      sub: client.clientId,
      client_id: client.clientId,
      team_id: team.id,
      scope: "full",
    });
    expect(typeof payload.jti).toBe("string");
    expect((payload.exp as number) - (payload.iat as number)).toBeLessThanOrEqual(86_400);
    expect(form.access_token).not.toContain(client.clientSecret);
  });

  it("answers RFC 6749 §5.2 errors", async () => {
    const { client } = await newClient();
    const wrong = await tokenRequest({
      grant_type: "client_credentials",
      client_id: client.clientId,
      client_secret: client.clientSecret.slice(0, -6) + "000000",
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: "invalid_client" });
    expect(wrong.headers.get("www-authenticate")).toContain("Basic");
    const other = await newClient();
    const mixed = await tokenRequest({
      grant_type: "client_credentials",
      client_id: client.clientId,
      client_secret: other.client.clientSecret,
    });
    expect(mixed.status).toBe(401);
    const grant = await tokenRequest({
      grant_type: "password",
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({ error: "unsupported_grant_type" });
    const missing = await tokenRequest({
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    expect(await missing.json()).toMatchObject({ error: "invalid_request" });
    const noCreds = await tokenRequest({ grant_type: "client_credentials" });
    expect(noCreds.status).toBe(401);
    const both = await tokenRequest(
      { grant_type: "client_credentials", client_secret: client.clientSecret },
      { basic: [client.clientId, client.clientSecret] },
    );
    expect(await both.json()).toMatchObject({ error: "invalid_request" });
    const badJson = await tokenRequest("{nope", { json: true });
    expect(badJson.status).toBe(400);
  });

  it("narrows scopes on request and refuses widening", async () => {
    const full = await newClient();
    expect(
      (await token(full.client.clientId, full.client.clientSecret, "read logs:read")).scope,
    ).toBe("read logs:read");
    const read = await newClient({ scopes: ["read"] });
    expect((await token(read.client.clientId, read.client.clientSecret)).scope).toBe("read");
    expect((await token(read.client.clientId, read.client.clientSecret, "logs:read")).scope).toBe(
      "logs:read",
    );
    for (const scope of ["full", "runs:write", "read admin"]) {
      const res = await tokenRequest({
        grant_type: "client_credentials",
        client_id: read.client.clientId,
        client_secret: read.client.clientSecret,
        scope,
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: "invalid_scope" });
    }
  });

  it("refuses deleted and expired clients, and caps exp at the client's expiry", async () => {
    const soon = new Date(Date.now() + 10 * 60_000);
    const { client } = await newClient({ expiresAt: soon });
    const t = await token(client.clientId, client.clientSecret);
    expect(t.expires_in).toBeLessThanOrEqual(600);
    await db.apiClient.update({
      where: { id: client.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await tokenRequest({
      grant_type: "client_credentials",
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    expect(expired.status).toBe(401);
    const del = await newClient();
    await deleteApiClient({
      teamId: del.team.id,
      id: del.client.id,
      invalidateTokens: false,
      actor: { label: "owner" },
    });
    const deleted = await tokenRequest({
      grant_type: "client_credentials",
      client_id: del.client.clientId,
      client_secret: del.client.clientSecret,
    });
    expect(deleted.status).toBe(401);
    expect(await deleted.json()).toMatchObject({ error: "invalid_client" });
  });

  it("rate-limits per client id with Retry-After", async () => {
    const { client } = await newClient();
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await tokenRequest({
        grant_type: "client_credentials",
        client_id: client.clientId,
        client_secret: "x",
      });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(await res.json()).toMatchObject({ error: "rate_limited" });
      }
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });
});

describe("bearer tokens on /api/v1/team", () => {
  it("reads and updates the token's team; PATCH needs full; read token gets 403 naming the scope", async () => {
    const { team, client } = await newClient();
    const full = (await token(client.clientId, client.clientSecret)).access_token;
    const res = await api("GET", full);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      data: { id: team.id, name: "Acme", time_zone: "UTC" },
    });
    const patched = await api("PATCH", full, { name: "Acme Prod", time_zone: "Europe/Berlin" });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      data: { name: "Acme Prod", time_zone: "Europe/Berlin" },
    });
    const bad = await api("PATCH", full, { time_zone: "Mars/Base" });
    expect(bad.status).toBe(400);

    const read = (await token(client.clientId, client.clientSecret, "read")).access_token;
    expect((await api("GET", read)).status).toBe(200);
    const refused = await api("PATCH", read, { name: "Nope" });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      error: { code: "insufficient_scope", message: expect.stringContaining('"full"') },
    });
    expect((await db.team.findUniqueOrThrow({ where: { id: team.id } })).name).toBe("Acme Prod");
    const logsOnly = (await token(client.clientId, client.clientSecret, "logs:read")).access_token;
    expect((await api("GET", logsOnly)).status).toBe(403);
  });

  it("401s with WWW-Authenticate for missing, malformed, badly signed, expired and foreign tokens", async () => {
    const { client, team } = await newClient();
    const good = (await token(client.clientId, client.clientSecret)).access_token;
    const { kid, privateKey } = await currentSigningKey();
    const base = () =>
      new SignJWT({ client_id: client.clientId, team_id: team.id, scope: "full" })
        .setSubject(client.clientId)
        .setIssuer(tokenIssuer())
        .setAudience(tokenAudience())
        .setJti("j");
    const now = Math.floor(Date.now() / 1000);
    const expired = await base()
      .setProtectedHeader({ alg: "EdDSA", typ: "at+jwt", kid })
      .setIssuedAt(now - 7200)
      .setExpirationTime(now - 3600)
      .sign(privateKey);
    const foreign = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    const forged = await base()
      .setProtectedHeader({ alg: "EdDSA", typ: "at+jwt", kid })
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(foreign.privateKey);
    const wrongTyp = await base()
      .setProtectedHeader({ alg: "EdDSA", typ: "JWT", kid })
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(privateKey);
    const [h, p] = good.split(".");
    const tampered = `${h}.${p}x.${good.split(".")[2]}`;
    expect(decodeProtectedHeader(good).kid).toBe(kid);
    for (const t of [
      null,
      "",
      "garbage",
      expired,
      forged,
      wrongTyp,
      tampered,
      client.clientSecret,
    ]) {
      const res = await api("GET", t);
      expect(res.status, String(t)).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
      expect(await res.json()).toMatchObject({ error: { code: "invalid_token" } });
    }
  });

  it("after delete: no new tokens, earlier tokens work until exp — unless issued tokens were invalidated", async () => {
    const keep = await newClient();
    const early = (await token(keep.client.clientId, keep.client.clientSecret)).access_token;
    await deleteApiClient({
      teamId: keep.team.id,
      id: keep.client.id,
      invalidateTokens: false,
      actor: { label: "o" },
    });
    expect(
      (
        await tokenRequest({
          grant_type: "client_credentials",
          client_id: keep.client.clientId,
          client_secret: keep.client.clientSecret,
        })
      ).status,
    ).toBe(401);
    expect((await api("GET", early)).status).toBe(200);

    const kill = await newClient();
    const issued = (await token(kill.client.clientId, kill.client.clientSecret)).access_token;
    expect((await api("GET", issued)).status).toBe(200);
    await deleteApiClient({
      teamId: kill.team.id,
      id: kill.client.id,
      invalidateTokens: true,
      actor: { label: "o" },
    });
    expect((await api("GET", issued)).status).toBe(401);
    // A server that has no list yet reads it from the database.
    resetRevocationList();
    expect((await api("GET", issued)).status).toBe(401);
    expect((await api("GET", early)).status).toBe(200);
  });

  it("refuses deleting another team's client", async () => {
    const a = await newClient();
    const b = await newClient();
    await expect(
      deleteApiClient({
        teamId: a.team.id,
        id: b.client.id,
        invalidateTokens: true,
        actor: { label: "o" },
      }),
    ).rejects.toThrow(/not in this team/);
    expect(
      (await db.apiClient.findUniqueOrThrow({ where: { id: b.client.id } })).deletedAt,
    ).toBeNull();
  });
});

describe("signing keys", () => {
  it("are created once under concurrent first use, with the private JWK sealed at rest", async () => {
    const { createOrLoadCurrent } = await import("./signing-keys");
    await db.jwtSigningKey.updateMany({ data: { retiredAt: new Date() } });
    const keys = await Promise.all(Array.from({ length: 5 }, () => createOrLoadCurrent()));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    const live = await db.jwtSigningKey.findMany({ where: { retiredAt: null } });
    expect(live).toHaveLength(1);
    expect(live[0]?.privateJwk).toMatch(/^v1\./);
    expect(live[0]?.privateJwk).not.toContain('"d"');
  });
});

describe("the per-IP token limit", () => {
  it("limits token requests per IP whatever the client id", async () => {
    const ip = "203.0.113.77";
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const res = await tokenRequest(
        { grant_type: "client_credentials", client_id: `dh_live_${i}`, client_secret: "x" },
        { ip },
      );
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 60).every((s) => s === 401)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});

describe("verified-token cache", () => {
  it("still enforces expiry and revocation for a token seen before", async () => {
    const { verifyAccessToken } = await import("./tokens");
    const { markTokensRevoked } = await import("./revocation");
    const { client } = await newClient();
    const t = await token(client.clientId, client.clientSecret);
    const first = await verifyAccessToken(t.access_token);
    expect(first.ok).toBe(true);
    const later = new Date(Date.now() + (t.expires_in + 1) * 1000);
    expect(await verifyAccessToken(t.access_token, later)).toEqual({
      ok: false,
      reason: "expired",
    });
    expect((await verifyAccessToken(t.access_token)).ok).toBe(true);
    markTokensRevoked(client.clientId, new Date());
    expect(await verifyAccessToken(t.access_token)).toEqual({ ok: false, reason: "revoked" });
  });
});
