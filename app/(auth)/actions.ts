"use server";

// Account-wide session actions (the dashboard's account menu).
import { z } from "zod";
import { userAction } from "@/lib/actions/team-action";
import { endAllSessions } from "@/lib/auth/session-tokens";
import { logger } from "@/lib/log";

/** Ends every session of the caller on every device; the caller's browser then signs out too. */
export const signOutEverywhereAction = userAction(z.object({}), async (_input, { user }) => {
  await endAllSessions(user.id);
  logger.info({ userId: user.id }, "signed out of all devices");
  return { message: "Signed out of all devices." };
});
