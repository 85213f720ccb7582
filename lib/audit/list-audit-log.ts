// The audit log as the settings page shows it: filtered by actor, event or credential, paged by
// keyset (createdAt, id) in both directions, each entry with a readable target.
import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export const AUDIT_PAGE_SIZE = 50;

const CREDENTIAL_TYPES = ["ci_api_key", "api_client"] as const;

export const auditLogQuery = z.object({
  actor: z.string().max(300).optional().catch(undefined),
  event: z
    .string()
    .regex(/^[a-z_]+\.[a-z_]+$/)
    .optional()
    .catch(undefined),
  credential: z
    .string()
    .regex(/^(ci_api_key|api_client):[A-Za-z0-9_-]{1,64}$/)
    .optional()
    .catch(undefined),
  after: z.string().max(200).optional().catch(undefined),
  before: z.string().max(200).optional().catch(undefined),
});
export type AuditLogQuery = z.infer<typeof auditLogQuery>;

type Cursor = { at: Date; id: string };

export function encodeCursor(entry: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([entry.createdAt.toISOString(), entry.id])).toString(
    "base64url",
  );
}

/** A cursor from the URL; anything malformed means "from the start" rather than an error. */
export function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    const [at, id] = z.tuple([z.iso.datetime(), z.string().min(1).max(64)]).parse(parsed);
    return { at: new Date(at), id };
  } catch {
    return null;
  }
}

function filterWhere(teamId: string, q: AuditLogQuery): Prisma.AuditLogWhereInput {
  const where: Prisma.AuditLogWhereInput = { teamId };
  if (q.actor) where.actorLabel = q.actor;
  if (q.event) where.action = q.event;
  if (q.credential) {
    const [type, id] = q.credential.split(":");
    where.targetType = type;
    where.targetId = id;
  }
  return where;
}

export async function listAuditLogPage(teamId: string, q: AuditLogQuery, limit = AUDIT_PAGE_SIZE) {
  const base = filterWhere(teamId, q);
  const before = decodeCursor(q.before);
  const after = before ? null : decodeCursor(q.after);
  // Newest first; "after" walks to older entries, "before" back to newer ones.
  const rows = before
    ? (
        await db.auditLog.findMany({
          where: {
            ...base,
            OR: [{ createdAt: { gt: before.at } }, { createdAt: before.at, id: { gt: before.id } }],
          },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          take: limit + 1,
        })
      ).reverse()
    : await db.auditLog.findMany({
        where: after
          ? {
              ...base,
              OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }],
            }
          : base,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: limit + 1,
      });
  const more = rows.length > limit;
  const items = before
    ? rows.slice(rows.length - Math.min(rows.length, limit))
    : rows.slice(0, limit);
  const first = items[0];
  const last = items[items.length - 1];
  const hasNewer = before ? more : Boolean(after);
  const hasOlder = before ? true : more;
  return {
    items: await withTargets(teamId, items),
    newerCursor: hasNewer && first ? encodeCursor(first) : null,
    olderCursor: hasOlder && last ? encodeCursor(last) : null,
  };
}

type Entry = Awaited<ReturnType<typeof db.auditLog.findMany>>[number];

/** Names the target of each entry (which key, client, member or site) with one query per kind. */
async function withTargets(teamId: string, entries: Entry[]) {
  const ids = (type: string) => [
    ...new Set(entries.flatMap((e) => (e.targetType === type && e.targetId ? [e.targetId] : []))),
  ];
  const [keys, clients, users, sites] = await Promise.all([
    db.ciApiKey.findMany({
      where: { teamId, id: { in: ids("ci_api_key") } },
      select: { id: true, label: true, prefix: true },
    }),
    db.apiClient.findMany({
      where: { teamId, id: { in: ids("api_client") } },
      select: { id: true, label: true },
    }),
    // Only people who appear as targets of this team's own entries.
    db.user.findMany({
      where: { id: { in: ids("user") } },
      select: { id: true, email: true, name: true },
    }),
    db.site.findMany({
      where: { teamId, id: { in: ids("site") } },
      select: { id: true, name: true },
    }),
  ]);
  const names = new Map<string, string>([
    ...keys.map((k) => [`ci_api_key:${k.id}`, `CI key ${k.label} (${k.prefix}…)`] as const),
    ...clients.map((c) => [`api_client:${c.id}`, `API client ${c.label}`] as const),
    ...users.map((u) => [`user:${u.id}`, u.email ?? u.name ?? "a person"] as const),
    ...sites.map((s) => [`site:${s.id}`, `Site ${s.name}`] as const),
  ]);
  return entries.map((e) => ({
    id: e.id,
    createdAt: e.createdAt,
    actorLabel: e.actorLabel,
    action: e.action,
    ip: e.ip,
    userAgent: e.userAgent,
    target: targetName(e, names),
  }));
}

function targetName(e: Entry, names: Map<string, string>): string | null {
  if (!e.targetType) return null;
  const known = e.targetId ? names.get(`${e.targetType}:${e.targetId}`) : undefined;
  if (known) return known;
  const meta = (e.metadata ?? {}) as Record<string, unknown>;
  const named =
    typeof meta.name === "string" ? meta.name : typeof meta.label === "string" ? meta.label : null;
  switch (e.targetType) {
    case "team":
      return "This team";
    case "invite":
      return typeof meta.role === "string" ? `Invite link (${meta.role})` : "Invite link";
    case "checkout_session":
      return "Checkout";
    case "subscription":
      return "Subscription";
    default:
      return named ?? e.targetType.replace(/_/g, " ");
  }
}

/** What the filters offer: actors and events seen in this team's log, and its credentials. */
export async function auditLogFilterOptions(teamId: string) {
  const [actors, events, keys, clients] = await Promise.all([
    db.auditLog.groupBy({
      by: ["actorLabel"],
      where: { teamId },
      orderBy: { actorLabel: "asc" },
      take: 200,
    }),
    db.auditLog.groupBy({ by: ["action"], where: { teamId }, orderBy: { action: "asc" } }),
    db.ciApiKey.findMany({
      where: { teamId },
      select: { id: true, label: true, prefix: true },
      orderBy: { createdAt: "desc" },
    }),
    db.apiClient.findMany({
      where: { teamId },
      select: { id: true, label: true, deletedAt: true },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  return {
    actors: actors.map((a) => a.actorLabel),
    events: events.map((e) => e.action),
    credentials: [
      ...keys.map((k) => ({
        value: `${CREDENTIAL_TYPES[0]}:${k.id}`,
        label: `CI key ${k.label} (${k.prefix}…)`,
      })),
      ...clients.map((c) => ({
        value: `${CREDENTIAL_TYPES[1]}:${c.id}`,
        label: `API client ${c.label}${c.deletedAt ? " (deleted)" : ""}`,
      })),
    ],
  };
}
