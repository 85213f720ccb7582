import { db, type Tx } from "@/lib/db";
import { slugify, slugWithSuffix } from "@/lib/teams/slug";
import { ensureSigningSecret } from "@/lib/credentials/signing-secret/secret-store";
import { Prisma } from "@/lib/generated/prisma/client";

/** Creates a team with `userId` as its owner. Slugs are unique; a clash gets a short suffix. */
export async function createTeam(
  input: { name: string; userId: string; personal?: boolean },
  tx: Tx | typeof db = db,
) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 ? slugify(input.name) : slugWithSuffix(input.name);
    try {
      const team = await tx.team.create({
        data: {
          name: input.name,
          slug,
          personal: input.personal ?? false,
          memberships: { create: { userId: input.userId, role: "owner" } },
        },
      });
      await ensureSigningSecret(team.id, tx);
      return team;
    } catch (error) {
      const clash = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!clash) throw error;
    }
  }
  throw new Error("Could not find a free team slug");
}

/**
 * Gives a user their personal team the first time they sign in. Safe to call on every sign-in:
 * a user who already belongs to a team gets nothing new.
 */
export async function ensurePersonalTeam(user: {
  id: string;
  name?: string | null;
  email?: string | null;
}) {
  const existing = await db.membership.findFirst({
    where: { userId: user.id },
    select: { teamId: true },
  });
  if (existing) return existing.teamId;
  const who = user.name?.trim() || user.email?.split("@")[0] || "My";
  const team = await createTeam({ name: `${who}'s team`, userId: user.id, personal: true });
  return team.id;
}
