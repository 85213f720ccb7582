// An expected failure that a person can act on ("the last owner cannot leave"). Server actions show
// its message; route handlers answer it with its status. Anything else is unexpected and generic.
export class UserError extends Error {
  constructor(
    message: string,
    readonly options: { status?: number; code?: string; field?: string } = {},
  ) {
    super(message);
    this.name = "UserError";
  }

  get status() {
    return this.options.status ?? 400;
  }

  get code() {
    return this.options.code ?? "invalid_request";
  }
}
