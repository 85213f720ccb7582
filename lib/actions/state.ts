// The typed result of every server action (shared by server and client code).
export type FieldErrors = Record<string, string[]>;
export type ActionState<T = undefined> =
  | { ok: true; message?: string; data?: T }
  | { ok: false; error: string; fieldErrors?: FieldErrors }
  | null;
