// One wrapper for every server action: session → membership → role → zod parse → run → typed
// result. Server actions are public POST endpoints, so each call re-checks who is calling, against
// the team named in the form (never the cookie: another tab may have switched teams).
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { isDomainError, type DomainError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { currentRequestMeta } from "@/lib/actions/request-meta";
import type { RequestMeta } from "@/lib/audit/record";
import { getMembership } from "@/lib/teams/memberships";
import { hasRole, type Role } from "@/lib/teams/roles";

import type { ActionState, FieldErrors } from "@/lib/actions/state";

export type { ActionState, FieldErrors };

export type TeamContext = {
  user: SessionUser;
  team: { id: string; name: string; slug: string; timeZone: string };
  role: Role;
  request: RequestMeta;
};

const ROLE_NEEDED: Record<Role, string> = {
  owner: "Only team owners can do this.",
  admin: "Only team owners and admins can do this.",
  member: "Viewers have read-only access to this team.",
  viewer: "You are not a member of this team.",
};

type Success<T> = { message?: string; data?: T } | void;

function formToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues)
    (fields[issue.path.join(".") || "_"] ??= []).push(issue.message);
  return fields;
}

/** The one mapping of a domain error to a server-action result (lib/http maps it to HTTP). */
export function domainErrorState(error: DomainError): ActionState<never> {
  const fieldErrors: FieldErrors = { ...error.fields };
  if (error.field) (fieldErrors[error.field] ??= []).push(error.message);
  return {
    ok: false,
    error: error.message,
    code: error.code,
    ...(Object.keys(fieldErrors).length ? { fieldErrors } : {}),
  };
}

async function run<T>(fn: () => Promise<Success<T>>): Promise<ActionState<T>> {
  try {
    const result = await fn();
    return { ok: true, ...(result ?? {}) };
  } catch (error) {
    // redirect() and notFound() work by throwing; let Next.js handle them.
    unstable_rethrow(error);
    if (isDomainError(error)) return domainErrorState(error);
    logger.error({ err: error }, "server action failed");
    return { ok: false, error: "Something went wrong on our side. Please try again." };
  }
}

/** A server action that needs a signed-in member of the form's team with at least `role`. */
export function teamAction<S extends z.ZodType, T = undefined>(
  schema: S,
  options: { role: Role },
  fn: (input: z.infer<S>, ctx: TeamContext) => Promise<Success<T>>,
) {
  return async (_prev: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    const user = await getSessionUser();
    if (!user) return { ok: false, error: "Your session has ended. Sign in again." };
    const { teamId, ...fields } = formToObject(formData);
    const membership = typeof teamId === "string" ? await getMembership(user.id, teamId) : null;
    if (!membership) return { ok: false, error: ROLE_NEEDED.viewer };
    if (!hasRole(membership.role, options.role))
      return { ok: false, error: ROLE_NEEDED[options.role] };
    const parsed = schema.safeParse(fields);
    if (!parsed.success) {
      return {
        ok: false,
        error: "Check the highlighted fields.",
        fieldErrors: fieldErrorsOf(parsed.error),
      };
    }
    const { team } = membership;
    const ctx: TeamContext = {
      user,
      team: { id: team.id, name: team.name, slug: team.slug, timeZone: team.timeZone },
      role: membership.role,
      request: await currentRequestMeta(),
    };
    return run(() => fn(parsed.data, ctx));
  };
}

/** A server action that needs only a signed-in user (create a team, accept an invite). */
export function userAction<S extends z.ZodType, T = undefined>(
  schema: S,
  fn: (input: z.infer<S>, ctx: { user: SessionUser; request: RequestMeta }) => Promise<Success<T>>,
) {
  return async (_prev: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    const user = await getSessionUser();
    if (!user) return { ok: false, error: "Your session has ended. Sign in again." };
    const parsed = schema.safeParse(formToObject(formData));
    if (!parsed.success) {
      return {
        ok: false,
        error: "Check the highlighted fields.",
        fieldErrors: fieldErrorsOf(parsed.error),
      };
    }
    const request = await currentRequestMeta();
    return run(() => fn(parsed.data, { user, request }));
  };
}
