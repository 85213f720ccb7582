// The typed result of every server action (shared by server and client code).
import type { DomainCode } from "@/lib/errors";

export type FieldErrors = Record<string, string[]>;
export type ActionState<T = undefined> =
  | { ok: true; message?: string; data?: T }
  // `code` names an expected failure (e.g. rate_limited at a plan limit), so the UI can offer the
  // right next step.
  | { ok: false; error: string; fieldErrors?: FieldErrors; code?: DomainCode }
  | null;
