// The keys table (server-side paging and sorting) and subscriptions still waiting for a key.
import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { activeKeyWhere, keyExpiresAt, keyStatus, type KeyStatus } from "./status";

export const KEY_SORT_FIELDS = ["label", "createdAt", "lastUsedAt", "expiresAt"] as const;
export type KeySortField = (typeof KEY_SORT_FIELDS)[number];

export const listKeysQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).catch(10).default(10),
  sort: z.enum(KEY_SORT_FIELDS).catch("createdAt").default("createdAt"),
  dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
});
export type ListKeysQuery = z.infer<typeof listKeysQuery>;

export type KeyRow = {
  id: string;
  label: string;
  prefix: string;
  status: KeyStatus;
  createdAt: Date;
  lastUsedAt: Date | null;
  rotatedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
  trialEndsAt: Date | null;
};

function orderBy(
  sort: KeySortField,
  dir: "asc" | "desc",
): Prisma.CiApiKeyOrderByWithRelationInput[] {
  const nulls = { sort: dir, nulls: "last" as const };
  const primary: Prisma.CiApiKeyOrderByWithRelationInput =
    sort === "label"
      ? { label: dir }
      : sort === "lastUsedAt"
        ? { lastUsedAt: nulls }
        : sort === "expiresAt"
          ? { subscription: { currentPeriodEnd: nulls } }
          : { createdAt: dir };
  // A stable tie-breaker, so pages never repeat or skip rows.
  return [primary, { id: dir }];
}

export async function listKeys(
  teamId: string,
  query: Partial<ListKeysQuery> = {},
  now: Date = new Date(),
): Promise<{ rows: KeyRow[]; total: number; page: number; pageSize: number; pageCount: number }> {
  const q = listKeysQuery.parse(query);
  const total = await db.ciApiKey.count({ where: { teamId } });
  // A page past the end (a stale link after revokes elsewhere) shows the last page instead.
  const page = Math.min(q.page, Math.max(1, Math.ceil(total / q.pageSize)));
  const keys = await db.ciApiKey.findMany({
    where: { teamId },
    include: { subscription: true },
    orderBy: orderBy(q.sort, q.dir),
    skip: (page - 1) * q.pageSize,
    take: q.pageSize,
  });
  const rows = keys.map((k): KeyRow => {
    const status = keyStatus(k, k.subscription, now);
    const trialing = k.subscription.status === "trialing" && k.subscription.trialEnd;
    return {
      id: k.id,
      label: k.label,
      prefix: k.prefix,
      status,
      createdAt: k.createdAt,
      lastUsedAt: k.lastUsedAt,
      rotatedAt: k.rotatedAt,
      revokedAt: k.revokedAt,
      expiresAt: keyExpiresAt(k.subscription),
      trialEndsAt: trialing ? k.subscription.trialEnd : null,
    };
  });
  return {
    rows,
    total,
    page,
    pageSize: q.pageSize,
    pageCount: Math.max(1, Math.ceil(total / q.pageSize)),
  };
}

/** Subscriptions of the team that still grant access but have no key yet ("Create key"). */
export async function subscriptionsWithoutKey(teamId: string, now: Date = new Date()) {
  const subs = await db.subscription.findMany({
    where: { teamId, ciApiKey: null },
    orderBy: { createdAt: "desc" },
  });
  return subs
    .map((s) => ({ ...s, expiresAt: keyExpiresAt(s) }))
    .filter((s) => s.expiresAt !== null && s.expiresAt > now)
    .map((s) => ({
      id: s.id,
      status: s.status,
      createdAt: s.createdAt,
      expiresAt: s.expiresAt,
      trialEnd: s.trialEnd,
    }));
}

/** How many of the team's CI keys work right now (what makes the plan paid). */
export function countActiveKeys(teamId: string, now: Date = new Date()) {
  return db.ciApiKey.count({ where: { teamId, ...activeKeyWhere(now) } });
}
