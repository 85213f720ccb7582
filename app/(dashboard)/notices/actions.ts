"use server";

// Dismissing a notice: any member may hide a notice for themselves; it stays for everyone else.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction } from "@/lib/actions/team-action";
import { dismissNotice } from "@/lib/notices/list-notices";

export const dismissNoticeAction = teamAction(
  z.object({ noticeId: z.string().min(1).max(64) }),
  { role: "viewer" },
  async (input, ctx) => {
    await dismissNotice({ teamId: ctx.team.id, userId: ctx.user.id, noticeId: input.noticeId });
    // The bell's count is in the layout of every dashboard page.
    revalidatePath("/", "layout");
    return { message: "Notice dismissed." };
  },
);
