"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { teamAction } from "@/lib/actions/team-action";
import { recordAudit } from "@/lib/audit/record";
import { DomainError } from "@/lib/errors";
import { admitRun } from "@/lib/runs/admit-run";
import { siteInputSchema } from "@/lib/sites/schema";
import { createSite, deleteSite, updateSite } from "@/lib/sites/sites";

const actorOf = (ctx: { user: { id: string; email?: string | null } }) => ({
  userId: ctx.user.id,
  label: ctx.user.email ?? ctx.user.id,
});

export const createSiteAction = teamAction(
  siteInputSchema,
  { role: "member" },
  async (input, ctx) => {
    const res = await createSite(ctx.team.id, input);
    if (!res.ok) throw new DomainError("Check the highlighted fields.");
    await recordAudit({
      teamId: ctx.team.id,
      actor: actorOf(ctx),
      action: "site.created",
      targetType: "site",
      targetId: res.site.id,
      metadata: { name: res.site.name, startUrl: res.site.startUrl },
      request: ctx.request,
    });
    revalidatePath("/sites");
    redirect(`/sites/${res.site.id}`);
  },
);

export const updateSiteAction = teamAction(
  siteInputSchema.and(z.object({ siteId: z.string().min(1) })),
  { role: "member" },
  async ({ siteId, ...input }, ctx) => {
    const res = await updateSite(ctx.team.id, siteId, input);
    if (!res.ok) {
      if ("reason" in res) throw new DomainError("This site no longer exists.");
      throw new DomainError("Check the highlighted fields.");
    }
    await recordAudit({
      teamId: ctx.team.id,
      actor: actorOf(ctx),
      action: "site.updated",
      targetType: "site",
      targetId: siteId,
      request: ctx.request,
    });
    revalidatePath(`/sites/${siteId}`);
    redirect(`/sites/${siteId}`);
  },
);

export const deleteSiteAction = teamAction(
  z.object({ siteId: z.string().min(1) }),
  { role: "admin" },
  async ({ siteId }, ctx) => {
    const res = await deleteSite(ctx.team.id, siteId, { userId: ctx.user.id });
    if (!res.ok) throw new DomainError("This site no longer exists.");
    await recordAudit({
      teamId: ctx.team.id,
      actor: actorOf(ctx),
      action: "site.deleted",
      targetType: "site",
      targetId: siteId,
      metadata: { cancelledRuns: res.cancelledRuns },
      request: ctx.request,
    });
    revalidatePath("/sites");
    redirect("/sites");
  },
);

export const runNowAction = teamAction(
  z.object({ siteId: z.string().min(1) }),
  { role: "member" },
  async ({ siteId }, ctx) => {
    const res = await admitRun({
      teamId: ctx.team.id,
      siteId,
      source: "manual",
      triggeredByUserId: ctx.user.id,
    });
    if (!res.ok) {
      if (res.reason === "limit_reached")
        throw new DomainError(res.message, { code: "rate_limited" });
      if (res.reason === "agent_pool_required" || res.reason === "agent_pool_not_found")
        throw new DomainError("Choose one of your agent pools for this site before running it.");
      if (res.reason === "agent_requires_paid")
        throw new DomainError(
          "Agent runs need an active paid CI API key: start a trial or subscribe on Pricing.",
        );
      throw new DomainError("This site no longer exists.");
    }
    revalidatePath("/runs");
    redirect(`/runs/${res.run.id}`);
  },
);
