// The token endpoint's rate limits (issue 11 point 3), against real PostgreSQL: client addresses
// come from the socket (CLIENT_IP_HEADER, set by the production server) unless proxies are
// trusted, failures alone are counted, per address and per existing client, so junk from one
// address or against one client never locks out anyone else, and forged X-Forwarded-For values
// neither dodge the limit nor add rows.
import { beforeAll, describe, expect, it } from "vitest";
import { createApiClient } from "@/lib/credentials/api-clients/manage-clients";
import { generateKey } from "@/lib/credentials/material/key-material";
import { db } from "@/lib/db";
import { CLIENT_IP_HEADER } from "@/lib/audit/request-meta";
import { makeTeam } from "@/test/fixtures";
import { machineApp } from "@/lib/machine-api/app";

let teamId = "";

function post(
  ip: string,
  clientId: string,
  clientSecret: string,
  extra: Record<string, string> = {},
) {
  return machineApp.fetch(
    new Request("http://localhost/api/oauth/token", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        [CLIENT_IP_HEADER]: ip,
        ...extra,
      },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: clientSecret,
      }).toString(),
    }),
  );
}

async function newClient() {
  return createApiClient({
    teamId,
    label: "limits",
    scopes: ["full"],
    expiresAt: null,
    actor: { label: "test" },
  });
}

async function rowsMatching(pattern: string) {
  return db.rateLimit.count({ where: { key: { contains: pattern } } });
}

beforeAll(async () => {
  teamId = (await makeTeam("Token limits")).team.id;
});

describe("POST /api/oauth/token rate limits", () => {
  it("61 junk requests from one address do not lock out a client calling from another", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++)
      statuses.push((await post("198.51.100.10", `dh_live_junk${i}`, "x")).status);
    expect(statuses.slice(0, 60).every((s) => s === 401)).toBe(true);
    expect(statuses[60]).toBe(429);
    const client = await newClient();
    expect((await post("198.51.100.11", client.clientId, client.clientSecret)).status).toBe(200);
  });

  it("ignores X-Forwarded-For with no trusted proxy: varying it neither bypasses the limit nor adds rows", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const res = await post("198.51.100.20", `dh_live_junk${i}`, "x", {
        "x-forwarded-for": `2001:db8:feed::${i}, 100.127.${i}.9`,
      });
      statuses.push(res.status);
    }
    expect(statuses[60]).toBe(429);
    expect(await rowsMatching("198.51.100.20")).toBe(1);
    // Addresses no other test uses (test files share one database).
    expect(await rowsMatching("2001:db8:feed")).toBe(0);
    expect(await rowsMatching("100.127.")).toBe(0);
  });

  it("wrong secrets for client A lock out A only, never client B", async () => {
    const a = await newClient();
    const b = await newClient();
    const wrong = generateKey("clientSecret").value;
    const statuses: number[] = [];
    // An attacker spreading over many addresses.
    for (let i = 0; i < 70; i++)
      statuses.push((await post(`198.51.100.${100 + (i % 5)}`, a.clientId, wrong)).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    const refused = await post("198.51.100.30", a.clientId, a.clientSecret);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await post("198.51.100.30", b.clientId, b.clientSecret)).status).toBe(200);
    expect((await post("198.51.100.104", b.clientId, b.clientSecret)).status).toBe(200);
  });

  it("writes no rate-limit row on success, and none for client ids that do not exist", async () => {
    const client = await newClient();
    for (let i = 0; i < 5; i++)
      expect((await post("198.51.100.40", client.clientId, client.clientSecret)).status).toBe(200);
    expect(await rowsMatching("198.51.100.40")).toBe(0);
    expect(await rowsMatching(client.clientId)).toBe(0);
    const unknown = generateKey("clientId").value;
    expect((await post("198.51.100.41", unknown, "x")).status).toBe(401);
    expect(await rowsMatching(unknown)).toBe(0);
    expect(await rowsMatching("198.51.100.41")).toBe(1);
  });
});
