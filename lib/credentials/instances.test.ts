// Two server processes on one database, each with its own copy of lib/ and its own caches (as
// two production instances, or Next's bundle beside the compiled server): a credential revoked
// through one is refused by the other on its next request, within 1 s, because the caches are
// invalidated through PostgreSQL LISTEN/NOTIFY and never trusted as the source of truth.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueAccessToken } from "@/lib/credentials/oauth/tokens";
import { createApiClient } from "@/lib/credentials/api-clients/manage-clients";
import { createEnrollmentToken } from "@/lib/credentials/agents/enrollment";
import { createPool } from "@/lib/credentials/agents/pools";
import { db } from "@/lib/db";
import { LISTENER_APPLICATION_NAME } from "@/lib/pg-notify";
import { makeTeam } from "@/test/fixtures";
import { teamWithKey } from "@/test/machine-api";

type Instance = { url: string; child: ChildProcess };
const instances: Instance[] = [];
const children: ChildProcess[] = [];

function startInstance(): Promise<Instance> {
  const root = path.resolve(import.meta.dirname, "../..");
  const child = spawn(process.execPath, ["--import", "tsx", "test/credential-instance.ts"], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const port = /ready (\d+)/.exec(out)?.[1];
      if (port) resolve({ url: `http://127.0.0.1:${port}`, child });
      else if (out.includes("failed")) reject(new Error(out));
    });
    child.on("exit", (code) => reject(new Error(`instance exited (${code}): ${out}`)));
  });
}

async function call(instance: Instance, method: string, route: string, token?: string) {
  const res = await fetch(`${instance.url}${route}`, {
    method,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Polls `route` on `instance` until it answers 401; returns the ms it took. */
async function msUntilRefused(instance: Instance, route: string, token: string) {
  const started = Date.now();
  while (Date.now() - started < 3_000) {
    if ((await call(instance, "GET", route, token)).status === 401) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 10));
  }
  return Infinity;
}

async function bearerClient() {
  const { team } = await makeTeam("Instances");
  const client = await createApiClient({
    teamId: team.id,
    label: "two-instances",
    scopes: ["full"],
    expiresAt: null,
    actor: { label: "test" },
  });
  const row = await db.apiClient.findUniqueOrThrow({ where: { id: client.id } });
  const issued = await issueAccessToken(
    { ...row, expiresAt: null },
    ["full"],
    new Date(Date.now() - 1000),
  );
  return { teamId: team.id, id: client.id, token: issued.access_token };
}

beforeAll(async () => {
  instances.push(...(await Promise.all([startInstance(), startInstance()])));
}, 60_000);

afterAll(() => {
  for (const child of children) child.kill();
});

describe("two instances on one database", () => {
  it("an API client deleted (tokens invalidated) on A is refused by B within 1 s", async () => {
    const [a, b] = instances as [Instance, Instance];
    const { teamId, id, token } = await bearerClient();
    // Both have verified (and cached) the token and loaded the revocation list.
    expect((await call(a, "GET", "/bearer", token)).status).toBe(200);
    expect((await call(b, "GET", "/bearer", token)).status).toBe(200);
    expect((await call(b, "GET", "/bearer", token)).status).toBe(200);
    expect((await call(b, "GET", "/listening")).body.live).toBe(true);
    expect((await call(a, "POST", `/delete-client?team=${teamId}&id=${id}`)).status).toBe(200);
    expect(await msUntilRefused(b, "/bearer", token)).toBeLessThan(1000);
    expect((await call(b, "GET", "/bearer", token)).body).toMatchObject({ reason: "revoked" });
    expect((await call(a, "GET", "/bearer", token)).status).toBe(401);
  });

  it("after the LISTEN connections drop, a revocation still reaches B within 1 s", async () => {
    const [a, b] = instances as [Instance, Instance];
    const { teamId, id, token } = await bearerClient();
    expect((await call(b, "GET", "/bearer", token)).status).toBe(200);
    const dropped = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
       WHERE application_name = ${LISTENER_APPLICATION_NAME} AND datname = current_database()`;
    expect(Number(dropped[0]?.n)).toBeGreaterThanOrEqual(2);
    expect((await call(a, "POST", `/delete-client?team=${teamId}&id=${id}`)).status).toBe(200);
    expect(await msUntilRefused(b, "/bearer", token)).toBeLessThan(1000);
    // And both listen again (reconnect with a full reload).
    await expect.poll(async () => (await call(b, "GET", "/listening")).body.live).toBe(true);
  });

  it("a CI key revoked on A is refused by B on its next request", async () => {
    const [a, b] = instances as [Instance, Instance];
    const { team, keyId, secret } = await teamWithKey("Instances CI");
    expect((await call(b, "GET", "/ci", secret)).status).toBe(200);
    expect((await call(a, "POST", `/revoke-ci?team=${team.id}&key=${keyId}`)).status).toBe(200);
    expect((await call(b, "GET", "/ci", secret)).status).toBe(401);
  });

  it("one agent enrollment token raced through both instances enrolls exactly one agent", async () => {
    const [a, b] = instances as [Instance, Instance];
    const { team, owner } = await teamWithKey("Instances agents");
    const by = { userId: owner.id, label: "owner" };
    const pool = await createPool(team.id, { name: "racing" }, by);
    const { token } = await createEnrollmentToken(team.id, pool.id, by);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(i % 2 ? a : b, "POST", `/enroll?token=${token}&name=racer-${i}`),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array<number>(19).fill(401)]);
    expect(await db.agent.count({ where: { poolId: pool.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { teamId: team.id, action: "agent.enrolled" } })).toBe(
      1,
    );
  });

  it("a signing key deleted after rotation on A invalidates its tokens on B within 1 s", async () => {
    const [a, b] = instances as [Instance, Instance];
    const { token } = await bearerClient();
    expect((await call(b, "GET", "/bearer", token)).status).toBe(200);
    const { body } = await call(a, "POST", "/rotate-signing-key");
    // The retired key still verifies what it signed.
    expect((await call(b, "GET", "/bearer", token)).status).toBe(200);
    // A compromised key is deleted outright: its tokens must stop working everywhere.
    await db.jwtSigningKey.deleteMany({ where: { kid: { not: String(body.kid) } } });
    expect(await msUntilRefused(b, "/bearer", token)).toBeLessThan(1000);
    expect((await call(b, "GET", "/bearer", token)).body).toMatchObject({
      reason: "invalid_signature",
    });
  });
});
