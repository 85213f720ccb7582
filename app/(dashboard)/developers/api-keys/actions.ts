"use server";

// Server actions for Developers → API keys. Each re-checks the caller's role through teamAction;
// secrets travel only in the return value of the action that created them.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction, type TeamContext } from "@/lib/actions/team-action";
import { createApiClient, deleteApiClient } from "@/lib/credentials/api-clients/manage-clients";
import { SCOPES } from "@/lib/credentials/api-clients/scopes";
import { findCheckoutSubscription } from "@/lib/billing/checkout-return";
import { createKeyForSubscription } from "@/lib/credentials/ci-keys/create-key";
import { relabelKey, revokeKey } from "@/lib/credentials/ci-keys/manage-key";
import { rotateKey, ROTATE_WORD } from "@/lib/credentials/ci-keys/rotate-key";
import {
  revealSigningSecret,
  revokePreviousSigningSecret,
  rotateSigningSecret,
} from "@/lib/credentials/signing-secret/manage-secret";
import { DomainError } from "@/lib/errors";
import { produceNotices } from "@/lib/notices/produce-notices";

const PATH = "/developers/api-keys";
const actor = (ctx: TeamContext) => ({ userId: ctx.user.id, label: ctx.user.email ?? ctx.user.id });

export type RevealedCiKey = { keyId: string; prefix: string; secret: string };
export type RevealedApiClient = { label: string; clientId: string; clientSecret: string };

export const createCiKeyAction = teamAction(
  z.object({ subscriptionId: z.string().min(1), label: z.string().trim().max(60).optional() }),
  { role: "admin" },
  async (input, ctx) => {
    const result = await createKeyForSubscription(ctx.team.id, input.subscriptionId, actor(ctx), {
      label: input.label,
      request: ctx.request,
    });
    revalidatePath(PATH);
    if (!result.created) {
      throw new DomainError(
        "This subscription already has a key; its secret was shown when it was created.",
        {
          code: "key_exists",
        },
      );
    }
    return {
      data: {
        keyId: result.keyId,
        prefix: result.prefix,
        secret: result.secret,
      } satisfies RevealedCiKey,
    };
  },
);

export const rotateCiKeyAction = teamAction(
  // The word is re-checked in rotateKey too; here it gives the field error.
  z.object({
    keyId: z.string().min(1),
    confirm: z.string().refine((v) => v === ROTATE_WORD, `Type ${ROTATE_WORD} to confirm.`),
  }),
  { role: "admin" },
  async (input, ctx) => {
    const rotated = await rotateKey({
      teamId: ctx.team.id,
      keyId: input.keyId,
      confirm: input.confirm,
      actor: { ...actor(ctx), role: ctx.role },
      request: ctx.request,
    });
    // A rotation may restore a leaked key: resolve its notice now rather than at the next tick.
    await produceNotices({ teamId: ctx.team.id });
    revalidatePath("/", "layout");
    return { data: rotated satisfies RevealedCiKey };
  },
);

export const revokeCiKeyAction = teamAction(
  z.object({ keyId: z.string().min(1) }),
  { role: "admin" },
  async (input, ctx) => {
    const key = await revokeKey({
      teamId: ctx.team.id,
      keyId: input.keyId,
      actor: actor(ctx),
      request: ctx.request,
    });
    await produceNotices({ teamId: ctx.team.id });
    revalidatePath("/", "layout");
    return { message: `Key ${key.prefix}… revoked.` };
  },
);

export const relabelCiKeyAction = teamAction(
  z.object({
    keyId: z.string().min(1),
    label: z.string().trim().min(1, "Enter a label.").max(60, "Use at most 60 characters."),
  }),
  { role: "admin" },
  async (input, ctx) => {
    await relabelKey({
      teamId: ctx.team.id,
      keyId: input.keyId,
      label: input.label,
      actor: actor(ctx),
      request: ctx.request,
    });
    revalidatePath(PATH);
    return { message: "Label saved." };
  },
);

const EXPIRATIONS = ["never", "30", "90", "365", "custom"] as const;

const newClientSchema = z
  .object({
    label: z
      .string()
      .trim()
      .min(1, "Give the key a descriptive label, e.g. production-server.")
      .max(60, "Use at most 60 characters."),
    scopes: z.preprocess(
      (v) => (v === undefined ? ["full"] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(SCOPES)).min(1, "Choose at least one scope."),
    ),
    expiration: z.enum(EXPIRATIONS).default("never"),
    expiresOn: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.expiration !== "custom") return;
    const date = v.expiresOn ? new Date(`${v.expiresOn}T23:59:59Z`) : null;
    if (!date || Number.isNaN(date.getTime()) || date <= new Date()) {
      ctx.addIssue({
        code: "custom",
        path: ["expiresOn"],
        message: "Choose a date in the future.",
      });
    }
  });

function expiryFrom(input: z.infer<typeof newClientSchema>): Date | null {
  if (input.expiration === "never") return null;
  if (input.expiration === "custom") return new Date(`${input.expiresOn}T23:59:59Z`);
  return new Date(Date.now() + Number(input.expiration) * 24 * 60 * 60 * 1000);
}

export const createApiClientAction = teamAction(
  newClientSchema,
  { role: "admin" },
  async (input, ctx) => {
    const created = await createApiClient({
      teamId: ctx.team.id,
      label: input.label,
      scopes: input.scopes,
      expiresAt: expiryFrom(input),
      actor: actor(ctx),
      request: ctx.request,
    });
    revalidatePath(PATH);
    return {
      data: {
        label: created.label,
        clientId: created.clientId,
        clientSecret: created.clientSecret,
      } satisfies RevealedApiClient,
    };
  },
);

export const deleteApiClientAction = teamAction(
  z.object({ id: z.string().min(1), invalidateTokens: z.enum(["on"]).optional() }),
  { role: "admin" },
  async (input, ctx) => {
    const deleted = await deleteApiClient({
      teamId: ctx.team.id,
      id: input.id,
      invalidateTokens: input.invalidateTokens === "on",
      actor: actor(ctx),
      request: ctx.request,
    });
    revalidatePath(PATH);
    return { message: `API key ${deleted.label} deleted.` };
  },
);

export type CheckoutClaim =
  | { state: "pending" }
  | { state: "revealed"; key: RevealedCiKey }
  | { state: "already_created"; prefix: string };

/**
 * The return from Checkout: find the subscription the session bought (syncing it from Stripe
 * when the webhook is still on its way) and create its key. Idempotent: only the one call that
 * creates the key ever carries the secret, so reloading the URL shows nothing again.
 */
export const claimCheckoutKeyAction = teamAction(
  z.object({ sessionId: z.string().min(1).max(300) }),
  { role: "admin" },
  async (input, ctx) => {
    const found = await findCheckoutSubscription(ctx.team.id, input.sessionId);
    if (found.kind === "pending") return { data: { state: "pending" } as CheckoutClaim };
    if (found.kind === "not_found") {
      throw new DomainError(
        "We could not find that checkout for this team. If you completed a purchase, the key can be created from the list below once the subscription appears.",
        { code: "not_found" },
      );
    }
    const result = await createKeyForSubscription(ctx.team.id, found.subscription.id, actor(ctx), {
      request: ctx.request,
    });
    revalidatePath(PATH);
    const claim: CheckoutClaim = result.created
      ? {
          state: "revealed",
          key: { keyId: result.keyId, prefix: result.prefix, secret: result.secret },
        }
      : { state: "already_created", prefix: result.prefix };
    return { data: claim };
  },
);

export type RevealedSigningSecret = { secret: string; rotated: boolean };

export const revealSigningSecretAction = teamAction(
  z.object({}),
  { role: "admin" },
  async (_input, ctx) => {
    const secret = await revealSigningSecret({
      teamId: ctx.team.id,
      actor: { ...actor(ctx), role: ctx.role },
      request: ctx.request,
    });
    const data: RevealedSigningSecret = { secret, rotated: false };
    return { data };
  },
);

export const rotateSigningSecretAction = teamAction(
  z.object({
    confirm: z.string().refine((v) => v === ROTATE_WORD, `Type ${ROTATE_WORD} to confirm.`),
  }),
  { role: "admin" },
  async (input, ctx) => {
    const rotated = await rotateSigningSecret({
      teamId: ctx.team.id,
      confirm: input.confirm,
      actor: { ...actor(ctx), role: ctx.role },
      request: ctx.request,
    });
    // The previous secret now signs until its auto-revoke date: announce it now, not next tick.
    await produceNotices({ teamId: ctx.team.id });
    revalidatePath(PATH);
    const data: RevealedSigningSecret = { secret: rotated.secret, rotated: true };
    return { data };
  },
);

export const revokePreviousSigningSecretAction = teamAction(
  z.object({}),
  { role: "admin" },
  async (_input, ctx) => {
    await revokePreviousSigningSecret({
      teamId: ctx.team.id,
      actor: { ...actor(ctx), role: ctx.role },
      request: ctx.request,
    });
    await produceNotices({ teamId: ctx.team.id });
    revalidatePath(PATH);
    return { message: "The previous signing secret no longer signs deliveries." };
  },
);
