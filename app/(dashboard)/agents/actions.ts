"use server";

// Server actions for the Customer agents page. Each re-checks the caller's role through
// teamAction; the enrollment token travels only in the return value of the action that made it.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction, type TeamContext } from "@/lib/actions/team-action";
import { revokeAgent } from "@/lib/credentials/agents/agents";
import { createEnrollmentToken } from "@/lib/credentials/agents/enrollment";
import { createPool, deletePool, updatePool } from "@/lib/credentials/agents/pools";
import { env } from "@/lib/env";

const PATH = "/agents";
const actor = (ctx: TeamContext) => ({ userId: ctx.user.id, label: ctx.user.email ?? ctx.user.id });

export type IssuedToken = { token: string; expiresAt: string; poolName: string; command: string };

export const createPoolAction = teamAction(
  z.object({ name: z.string(), description: z.string().optional() }),
  { role: "admin" },
  async (input, ctx) => {
    await createPool(ctx.team.id, input, actor(ctx), ctx.request);
    revalidatePath(PATH);
    return { message: `Pool ${input.name.trim()} created.` };
  },
);

export const renamePoolAction = teamAction(
  z.object({ poolId: z.string().min(1), name: z.string(), description: z.string().optional() }),
  { role: "admin" },
  async ({ poolId, ...input }, ctx) => {
    await updatePool(ctx.team.id, poolId, input, actor(ctx), ctx.request);
    revalidatePath(PATH);
    return { message: "Pool saved." };
  },
);

export const deletePoolAction = teamAction(
  z.object({ poolId: z.string().min(1) }),
  { role: "admin" },
  async ({ poolId }, ctx) => {
    await deletePool(ctx.team.id, poolId, actor(ctx), ctx.request);
    revalidatePath(PATH);
    return { message: "Pool deleted." };
  },
);

export const enrollAgentAction = teamAction(
  z.object({ poolId: z.string().min(1) }),
  { role: "admin" },
  async ({ poolId }, ctx) => {
    const issued = await createEnrollmentToken(ctx.team.id, poolId, actor(ctx), ctx.request);
    revalidatePath(PATH);
    const base = env().APP_URL.replace(/\/$/, "");
    return {
      data: {
        token: issued.token,
        expiresAt: issued.expiresAt.toISOString(),
        poolName: issued.pool.name,
        command: `npx signaldiff-agent --url ${base} --enroll ${issued.token}`,
      } satisfies IssuedToken,
    };
  },
);

export const revokeAgentAction = teamAction(
  z.object({ agentId: z.string().min(1) }),
  { role: "admin" },
  async ({ agentId }, ctx) => {
    await revokeAgent(ctx.team.id, agentId, actor(ctx), ctx.request);
    revalidatePath(PATH);
    return { message: "Agent revoked." };
  },
);
