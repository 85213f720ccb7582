"use server";

// Server actions for Developers → Webhooks. Owners and admins manage endpoints; each action
// re-checks the caller's role through teamAction and every query carries the team.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction, type TeamContext } from "@/lib/actions/team-action";
import { produceNotices } from "@/lib/notices/produce-notices";
import { resendDelivery, sendTestEvent } from "@/lib/webhooks/deliveries";
import { createEndpoint, deleteEndpoint, updateEndpoint } from "@/lib/webhooks/endpoints";

const PATH = "/developers/webhooks";
const who = (ctx: TeamContext) => ({
  teamId: ctx.team.id,
  actor: { userId: ctx.user.id, label: ctx.user.email ?? ctx.user.id },
  request: ctx.request,
});

const asList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

const endpointForm = z.object({
  url: z.string().max(4096),
  description: z.string().max(500).optional(),
  eventTypes: z.preprocess(asList, z.array(z.string())),
  enabled: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});

export const createEndpointAction = teamAction(
  endpointForm,
  { role: "admin" },
  async (input, ctx) => {
    await createEndpoint(who(ctx), input);
    revalidatePath(PATH);
    return { message: "Endpoint added." };
  },
);

export const updateEndpointAction = teamAction(
  endpointForm.extend({ endpointId: z.string().min(1) }),
  { role: "admin" },
  async ({ endpointId, ...input }, ctx) => {
    await updateEndpoint(who(ctx), endpointId, input);
    // Enabling a disabled endpoint resolves its notice now rather than at the next tick.
    await produceNotices({ teamId: ctx.team.id });
    revalidatePath(PATH);
    return { message: "Endpoint saved." };
  },
);

export const deleteEndpointAction = teamAction(
  z.object({ endpointId: z.string().min(1) }),
  { role: "admin" },
  async ({ endpointId }, ctx) => {
    await deleteEndpoint(who(ctx), endpointId);
    await produceNotices({ teamId: ctx.team.id });
    revalidatePath(PATH);
    return { message: "Endpoint deleted." };
  },
);

export const sendTestEventAction = teamAction(
  z.object({ endpointId: z.string().min(1) }),
  { role: "admin" },
  async ({ endpointId }, ctx) => {
    await sendTestEvent(ctx.team.id, endpointId);
    revalidatePath(`${PATH}/${endpointId}`);
    return { message: "Test event queued — it appears in the delivery log." };
  },
);

export const resendDeliveryAction = teamAction(
  z.object({ deliveryId: z.string().min(1), endpointId: z.string().min(1) }),
  { role: "admin" },
  async ({ deliveryId, endpointId }, ctx) => {
    await resendDelivery(ctx.team.id, deliveryId);
    revalidatePath(`${PATH}/${endpointId}`);
    return { message: "Resent as a new delivery with the same webhook-id." };
  },
);
