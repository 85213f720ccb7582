// The webhook routes of the REST API beyond the shared tenant and scope matrices
// (lib/api/rest-api.test.ts): input rules, the delivery log, and the secret shown exactly once.
import { describe, expect, it } from "vitest";
import { POST as rotateSecret } from "@/app/api/v1/signing-secret/rotate/route";
import { GET as getSecret } from "@/app/api/v1/signing-secret/route";
import { GET as listDeliveries } from "@/app/api/v1/webhook-endpoints/[id]/deliveries/route";
import { POST as testEndpoint } from "@/app/api/v1/webhook-endpoints/[id]/test/route";
import { POST as createEndpoint } from "@/app/api/v1/webhook-endpoints/route";
import { db } from "@/lib/db";
import { MANUAL_SENDS_PER_MINUTE, resendDelivery } from "@/lib/webhooks/deliveries";
import { makeTeam } from "@/test/fixtures";
import { bearerFor, call } from "@/test/machine-api";

describe("webhook REST routes", () => {
  it("validates endpoints, logs test deliveries, and shows a rotated secret once", async () => {
    const { team } = await makeTeam("Rest hooks");
    const { token } = await bearerFor(team.id, ["full"]);
    const headers = { authorization: `Bearer ${token}` };

    for (const [body, field] of [
      [{ url: "http://hooks.example.com/x", event_types: ["run.failed"] }, "url"],
      [{ url: "https://10.0.0.1/x", event_types: ["run.failed"] }, "url"],
      [{ url: "https://hooks.example.com/x", event_types: ["nope"] }, "event_types.0"],
      [{ url: "https://hooks.example.com/x", event_types: [] }, "event_types"],
    ] as const) {
      const res = await call(createEndpoint, "POST", "/api/v1/webhook-endpoints", {
        headers,
        body,
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const { error } = (await res.json()) as { error: { fields: Record<string, string[]> } };
      expect(Object.keys(error.fields)).toContain(field);
    }
    expect(await db.webhookEndpoint.count({ where: { teamId: team.id } })).toBe(0);

    const created = await call(createEndpoint, "POST", "/api/v1/webhook-endpoints", {
      headers,
      body: { url: "https://hooks.example.com/in", event_types: ["run.failed", "run.started"] },
    });
    expect(created.status).toBe(201);
    const { data: endpoint } = (await created.json()) as { data: Record<string, unknown> };
    expect(endpoint).toMatchObject({ event_types: ["run.started", "run.failed"], enabled: true });
    const id = String(endpoint.id);

    const sent = await call(testEndpoint, "POST", `/api/v1/webhook-endpoints/${id}/test`, {
      headers,
      params: { id },
    });
    expect(sent.status).toBe(202);
    const log = await call(listDeliveries, "GET", `/api/v1/webhook-endpoints/${id}/deliveries`, {
      headers,
      params: { id },
    });
    const page = (await log.json()) as { data: { event_type: string; status: string }[] };
    expect(page.data).toEqual([
      expect.objectContaining({ event_type: "webhook.test", status: "pending" }),
    ]);

    const rotated = await call(rotateSecret, "POST", "/api/v1/signing-secret/rotate", {
      headers,
      body: { confirm: "ROTATE" },
    });
    const { data } = (await rotated.json()) as { data: { secret: string } };
    expect(data.secret).toMatch(/^whsec_/);
    const meta = await call(getSecret, "GET", "/api/v1/signing-secret", { headers });
    const text = await meta.text();
    expect(text).not.toContain("whsec_");
    expect(JSON.parse(text).data.previous.state).toBe("active");
    const unconfirmed = await call(rotateSecret, "POST", "/api/v1/signing-secret/rotate", {
      headers,
      body: { confirm: "rotate" },
    });
    expect(unconfirmed.status).toBe(400);
  });

  it("keeps the 20-endpoint cap when 40 creations race", async () => {
    const { team } = await makeTeam("Rest hooks race");
    const { token } = await bearerFor(team.id, ["full"]);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        call(createEndpoint, "POST", "/api/v1/webhook-endpoints", {
          headers: { authorization: `Bearer ${token}` },
          body: { url: `https://hooks.example.com/${i}`, event_types: ["run.failed"] },
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 400)).toHaveLength(20);
    expect(await db.webhookEndpoint.count({ where: { teamId: team.id } })).toBe(20);
  });

  it("limits test sends and resends per team, so the API cannot be a request cannon", async () => {
    const { team } = await makeTeam("Rest hooks cannon");
    const { token } = await bearerFor(team.id, ["full"]);
    const headers = { authorization: `Bearer ${token}` };
    const created = await call(createEndpoint, "POST", "/api/v1/webhook-endpoints", {
      headers,
      body: { url: "https://hooks.example.com/cannon", event_types: ["run.failed"] },
    });
    const id = String(((await created.json()) as { data: { id: string } }).data.id);
    const fire = () =>
      call(testEndpoint, "POST", `/api/v1/webhook-endpoints/${id}/test`, {
        headers,
        params: { id },
      });
    for (let i = 0; i < MANUAL_SENDS_PER_MINUTE; i++) expect((await fire()).status).toBe(202);
    const refused = await fire();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { teamId: team.id } });
    await expect(resendDelivery(team.id, delivery.id)).rejects.toMatchObject({
      code: "rate_limited",
    });
    expect(await db.webhookDelivery.count({ where: { teamId: team.id } })).toBe(
      MANUAL_SENDS_PER_MINUTE,
    );
  });
});
