// A team's plan and its concurrent crawl limit — the one place that decides both. Paid means the
// team holds at least one usable CI API key (lib/credentials/ci-keys/status.ts owns that rule).
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { activeKeyWhere } from "@/lib/credentials/ci-keys/status";

export const PLAN_LIMITS = { free: 1, paid: 3 } as const;

export type Plan = keyof typeof PLAN_LIMITS;
export type TeamPlan = { plan: Plan; concurrencyLimit: number };

export async function getTeamPlan(
  teamId: string,
  client?: Prisma.TransactionClient,
): Promise<TeamPlan> {
  const c = client ?? db;
  const key = await c.ciApiKey.findFirst({
    where: { teamId, ...activeKeyWhere(new Date()) },
    select: { id: true },
  });
  const plan: Plan = key ? "paid" : "free";
  return { plan, concurrencyLimit: PLAN_LIMITS[plan] };
}
