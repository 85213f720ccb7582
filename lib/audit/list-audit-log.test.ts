import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeSubscription, makeTeam } from "@/test/fixtures";
import { auditEventName } from "./event-names";
import {
  auditLogFilterOptions,
  auditLogQuery,
  decodeCursor,
  encodeCursor,
  listAuditLogPage,
} from "./list-audit-log";

const T0 = Date.parse("2026-01-01T00:00:00Z");

async function seed(count: number) {
  const { team, owner } = await makeTeam("Audit");
  const { team: other } = await makeTeam("Other");
  const sub = await makeSubscription(team.id);
  const key = await db.ciApiKey.create({
    data: {
      teamId: team.id,
      subscriptionId: sub.id,
      label: "deploy",
      prefix: "sck_ab12cd",
      secretHash: `hash-${sub.id}`,
    },
  });
  // Entries 0..count-1 one second apart; every third is about the key, by a second actor.
  for (let i = 0; i < count; i++) {
    await db.auditLog.create({
      data: {
        teamId: team.id,
        actorLabel: i % 3 === 0 ? "ops@example.com" : (owner.email ?? "owner"),
        action: i % 3 === 0 ? "ci_key.rotated" : "site.updated",
        targetType: i % 3 === 0 ? "ci_api_key" : "site",
        targetId: i % 3 === 0 ? key.id : `site-${i}`,
        metadata: i % 3 === 0 ? undefined : { name: `Site ${i}` },
        createdAt: new Date(T0 + i * 1000),
      },
    });
  }
  // Same timestamp twice: keyset paging must still see both.
  await db.auditLog.createMany({
    data: [1, 2].map(() => ({
      teamId: team.id,
      actorLabel: "tie",
      action: "team.updated",
      targetType: "team",
      targetId: team.id,
      createdAt: new Date(T0 + count * 1000),
    })),
  });
  await db.auditLog.create({
    data: { teamId: other.id, actorLabel: "intruder", action: "team.updated" },
  });
  return { team, key };
}

describe("audit log listing", () => {
  it("pages by keyset both ways without gaps or repeats, newest first, scoped to the team", async () => {
    const { team } = await seed(12);
    const seen: string[] = [];
    let page = await listAuditLogPage(team.id, {}, 5);
    expect(page.newerCursor).toBeNull();
    seen.push(...page.items.map((e) => e.id));
    const pages = [page];
    while (page.olderCursor) {
      page = await listAuditLogPage(team.id, { after: page.olderCursor }, 5);
      pages.push(page);
      seen.push(...page.items.map((e) => e.id));
    }
    expect(seen).toHaveLength(14);
    expect(new Set(seen).size).toBe(14);
    const times = pages.flatMap((p) => p.items.map((e) => e.createdAt.getTime()));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(pages.flatMap((p) => p.items).some((e) => e.actorLabel === "intruder")).toBe(false);
    // Back from the second page lands exactly on the first.
    const second = pages[1];
    expect(second?.newerCursor).toBeTruthy();
    const back = await listAuditLogPage(team.id, { before: second?.newerCursor ?? "" }, 5);
    expect(back.items.map((e) => e.id)).toEqual(pages[0]?.items.map((e) => e.id));
    expect(back.newerCursor).toBeNull();
  });

  it("filters by actor, event and credential and names each target", async () => {
    const { team, key } = await seed(9);
    const byKey = await listAuditLogPage(team.id, { credential: `ci_api_key:${key.id}` });
    expect(byKey.items).toHaveLength(3);
    expect(byKey.items.every((e) => e.target === "CI key deploy (sck_ab12cd…)")).toBe(true);
    const byActor = await listAuditLogPage(team.id, { actor: "ops@example.com" });
    expect(byActor.items.map((e) => e.action)).toEqual(Array(3).fill("ci_key.rotated"));
    const byEvent = await listAuditLogPage(team.id, { event: "site.updated" });
    expect(byEvent.items).toHaveLength(6);
    expect(byEvent.items[0]?.target).toBe("Site 8");
    const options = await auditLogFilterOptions(team.id);
    expect(options.actors).toContain("ops@example.com");
    expect(options.actors).not.toContain("intruder");
    expect(options.events).toEqual(["ci_key.rotated", "site.updated", "team.updated"]);
    expect(options.credentials).toEqual([
      { value: `ci_api_key:${key.id}`, label: "CI key deploy (sck_ab12cd…)" },
    ]);
  });

  it("reads malformed filters and cursors as absent instead of failing", () => {
    expect(decodeCursor("not-a-cursor")).toBeNull();
    const at = new Date(T0);
    expect(decodeCursor(encodeCursor({ createdAt: at, id: "x1" }))).toEqual({ at, id: "x1" });
    expect(auditLogQuery.parse({ event: "DROP TABLE", credential: "user:1", actor: "a" })).toEqual({
      actor: "a",
    });
  });

  it("names events in words, including ones it does not know", () => {
    expect(auditEventName("ci_key.rotated")).toBe("CI API key rotated");
    expect(auditEventName("widget.frobbed")).toBe("Widget frobbed");
  });
});
