"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction } from "@/lib/actions/team-action";
import { DomainError } from "@/lib/errors";
import { cancelRun } from "@/lib/runs/cancel";

export const cancelRunAction = teamAction(
  z.object({ runId: z.string().min(1) }),
  { role: "member" },
  async ({ runId }, ctx) => {
    const res = await cancelRun(ctx.team.id, runId, { userId: ctx.user.id });
    if (!res.ok) {
      throw new DomainError(
        res.reason === "already_finished" ? "This run has already finished." : "Run not found.",
      );
    }
    revalidatePath(`/runs/${runId}`);
    return { message: "Run cancelled." };
  },
);
