// Shared fixtures for integration tests: users, teams and paid subscriptions written directly
// with Prisma (the billing flow that normally creates subscriptions is tested on its own).
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { createTeam } from "@/lib/teams/create-team";

export async function makeUser(name = "user") {
  return db.user.create({ data: { email: `${name}-${randomUUID()}@example.com`, name } });
}

export async function makeTeam(name = "Team") {
  const owner = await makeUser("owner");
  const team = await createTeam({ name, userId: owner.id });
  return { owner, team };
}

const DAY = 24 * 60 * 60 * 1000;

export async function makeSubscription(
  teamId: string,
  over: Partial<{
    status: string;
    currentPeriodEnd: Date | null;
    trialEnd: Date | null;
    endedAt: Date | null;
  }> = {},
) {
  const id = randomUUID().replace(/-/g, "");
  return db.subscription.create({
    data: {
      teamId,
      stripeSubscriptionId: `sub_test_${id}`,
      stripeCustomerId: `cus_test_${id}`,
      status: over.status ?? "active",
      currentPeriodStart: new Date(),
      currentPeriodEnd:
        over.currentPeriodEnd === undefined
          ? new Date(Date.now() + 30 * DAY)
          : over.currentPeriodEnd,
      trialEnd: over.trialEnd ?? null,
      endedAt: over.endedAt ?? null,
    },
  });
}
