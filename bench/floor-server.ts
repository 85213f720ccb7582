// The floor for the auth benchmarks: a minimal Node `http` + `pg` server doing the same essential
// work as each benchmarked endpoint — parse the key (checksum), SHA-256 it, one indexed lookup —
// with nothing else (no framework, no validation library, no ORM). Signal Diff's numbers are
// reported as a ratio to this. bench/auth.ts runs it as its own process (`tsx
// bench/floor-server.ts` with DATABASE_URL and FLOOR_TEAM_ID; it prints `{ url, token }` as one
// JSON line), as the app runs in its own, so neither shares a thread with the load generator.
import { timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateKeyPair, jwtVerify, SignJWT, type CryptoKey } from "jose";
import pg from "pg";
import { hashKey, parseKey } from "@/lib/credentials/material/key-material";

const UNAUTHORIZED = JSON.stringify({ error: { code: "unauthorized", message: "Unauthorized" } });

type Floor = { url: string; token: string; close: () => Promise<void> };

function send(res: http.ServerResponse, status: number, body: string) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(body);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startFloorServer(databaseUrl: string, teamId: string): Promise<Floor> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const { publicKey, privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
  const sign = (clientId: string, team: string, key: CryptoKey) =>
    new SignJWT({ client_id: clientId, team_id: team, scope: "full" })
      .setProtectedHeader({ alg: "EdDSA", typ: "at+jwt" })
      .setIssuer("floor")
      .setAudience("floor")
      .setSubject(clientId)
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(key);

  async function ciKeyTeam(req: http.IncomingMessage): Promise<string | null> {
    const raw = req.headers["x-ci-api-key"];
    const parsed = parseKey("ci", typeof raw === "string" ? raw : null);
    const hash = hashKey(parsed?.value ?? String(raw ?? ""));
    if (!parsed) return null;
    const { rows } = await pool.query<{ teamId: string }>(
      `SELECT k."teamId" FROM "CiApiKey" k JOIN "Subscription" s ON s.id = k."subscriptionId"
       WHERE k."secretHash" = $1 AND k."revokedAt" IS NULL AND s."currentPeriodEnd" > now()`,
      [hash],
    );
    return rows[0]?.teamId ?? null;
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "").split("?")[0];
      if (req.method === "POST" && path === "/api/trigger/ci") {
        await readBody(req);
        const team = await ciKeyTeam(req);
        if (!team) return send(res, 401, UNAUTHORIZED);
        return send(res, 202, JSON.stringify({ ok: true }));
      }
      if (req.method === "GET" && path === "/agent/runs") {
        const team = await ciKeyTeam(req);
        if (!team) return send(res, 401, UNAUTHORIZED);
        const { rows } = await pool.query(
          `SELECT * FROM "Run" WHERE "teamId" = $1 ORDER BY "createdAt" DESC, id DESC LIMIT 2`,
          [team],
        );
        return send(res, 200, JSON.stringify({ data: rows.slice(0, 1), next_cursor: null }));
      }
      if (req.method === "POST" && path === "/api/oauth/token") {
        const form = new URLSearchParams(await readBody(req));
        const id = parseKey("clientId", form.get("client_id"));
        const secret = parseKey("clientSecret", form.get("client_secret"));
        if (!id || !secret) return send(res, 401, UNAUTHORIZED);
        const { rows } = await pool.query<{ secretHash: string; teamId: string }>(
          `SELECT "secretHash", "teamId" FROM "ApiClient" WHERE "clientId" = $1 AND "deletedAt" IS NULL`,
          [id.value],
        );
        const row = rows[0];
        const presented = Buffer.from(hashKey(secret.value), "hex");
        if (!row || !timingSafeEqual(presented, Buffer.from(row.secretHash, "hex")))
          return send(res, 401, UNAUTHORIZED);
        const token = await sign(id.value, row.teamId, privateKey);
        return send(res, 200, JSON.stringify({ access_token: token, token_type: "Bearer" }));
      }
      if (req.method === "GET" && path === "/api/v1/sites") {
        const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
        let team: string;
        try {
          const { payload } = await jwtVerify(match?.[1] ?? "", publicKey, {
            issuer: "floor",
            audience: "floor",
          });
          team = String(payload.team_id);
        } catch {
          return send(res, 401, UNAUTHORIZED);
        }
        const { rows } = await pool.query(
          `SELECT * FROM "Site" WHERE "teamId" = $1 AND "deletedAt" IS NULL
           ORDER BY "createdAt" DESC, id DESC LIMIT 2`,
          [team],
        );
        return send(res, 200, JSON.stringify({ data: rows.slice(0, 1), next_cursor: null }));
      }
      send(res, 404, "{}");
    })().catch(() => send(res, 500, "{}"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token: await sign("floor-client", teamId, privateKey),
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { DATABASE_URL: databaseUrl, FLOOR_TEAM_ID: teamId } = process.env;
  if (!databaseUrl || !teamId) throw new Error("DATABASE_URL and FLOOR_TEAM_ID are required");
  void startFloorServer(databaseUrl, teamId).then((floor) => {
    console.log(JSON.stringify({ url: floor.url, token: floor.token }));
    const stop = () => void floor.close().then(() => process.exit(0));
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
}
