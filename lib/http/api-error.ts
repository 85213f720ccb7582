// One error type for every route handler, mapped in one place (lib/http/handler.ts) to
// { "error": { "code", "message" } } with the right status.
export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly options: { fieldErrors?: FieldErrors; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  toBody() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.options.fieldErrors ? { fields: this.options.fieldErrors } : {}),
      },
    };
  }
}

export const badRequest = (message: string, fieldErrors?: FieldErrors) =>
  new ApiError(400, "invalid_request", message, { fieldErrors });
export const unauthorized = (message = "Unauthorized", headers?: Record<string, string>) =>
  new ApiError(401, "unauthorized", message, { headers });
export const forbidden = (message = "You do not have access to this resource.") =>
  new ApiError(403, "forbidden", message);
export const notFound = (message = "Not found.") => new ApiError(404, "not_found", message);
export const conflict = (message: string) => new ApiError(409, "conflict", message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new ApiError(429, "rate_limited", message, {
    headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });
