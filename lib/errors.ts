// The one error type domain code throws for an expected failure a person or a program can act on
// ("the last owner cannot leave", "site not found", "slow down"). Domain code knows nothing of
// HTTP: lib/http/error-response.ts maps each code to a status (the one place), and lib/actions
// turns it into a server-action result. Anything else thrown is unexpected and answered generically.
import type { z } from "zod";

export type FieldErrors = Record<string, string[]>;

/** Every code a DomainError can carry; lib/http maps each to exactly one HTTP status. */
export const DOMAIN_CODES = [
  "invalid_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "last_owner",
  "key_revoked",
  "key_expired",
  "key_exists",
  "subscription_ended",
  "invite_expired",
  "invite_used",
  "invite_revoked",
  "invite_unknown",
  "payload_too_large",
  "unsupported_media_type",
  "rate_limited",
  "billing_unavailable",
  "price_missing",
  "upstream_unavailable",
] as const;
export type DomainCode = (typeof DOMAIN_CODES)[number];

export type DomainErrorOptions = {
  /** Defaults to invalid_request. */
  code?: DomainCode;
  /** The one form field the message is about (server actions highlight it). */
  field?: string;
  /** Several fields, each with its messages (API answers list them under error.fields). */
  fields?: FieldErrors;
  /** Seconds until trying again makes sense (rate limits); answered as Retry-After. */
  retryAfter?: number;
};

export class DomainError extends Error {
  readonly code: DomainCode;
  readonly field?: string;
  readonly fields?: FieldErrors;
  readonly retryAfter?: number;

  constructor(message: string, options: DomainErrorOptions = {}) {
    super(message);
    this.name = "DomainError";
    this.code = options.code ?? "invalid_request";
    this.field = options.field;
    this.fields = options.fields;
    this.retryAfter = options.retryAfter;
  }
}

/** True for a DomainError from any copy of this module (the server bundle and Next's may differ). */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError || (error instanceof Error && error.name === "DomainError");
}

export const invalidRequest = (message: string, fields?: FieldErrors) =>
  new DomainError(message, { code: "invalid_request", fields });
export const notFound = (message = "Not found.") => new DomainError(message, { code: "not_found" });
export const forbidden = (message = "You do not have access to this resource.") =>
  new DomainError(message, { code: "forbidden" });
export const conflict = (message: string) => new DomainError(message, { code: "conflict" });
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new DomainError(message, { code: "rate_limited", retryAfter: retryAfterSeconds });

/** A zod error's issues by field path ("_" for the whole value). */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/** Parses a value with a schema, throwing invalid_request with field errors when it does not fit. */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what = "request body",
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw invalidRequest(`The ${what} is invalid.`, zodFieldErrors(parsed.error));
  return parsed.data;
}
