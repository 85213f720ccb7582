// The typed result of every server action (shared by server and client code).
export type FieldErrors = Record<string, string[]>;
export type ActionState<T = undefined> =
  | { ok: true; message?: string; data?: T }
  // `status` is the HTTP-like status of an expected failure (429 at a plan limit), so the UI can
  // offer the right next step.
  | { ok: false; error: string; fieldErrors?: FieldErrors; status?: number }
  | null;
