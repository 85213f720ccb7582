// The CLI's exit codes (documented on /docs/cli and in README). Scripts branch on them, so they
// never change meaning.
export const EXIT = {
  /** Finished without changes, or with changes and no --fail-on-changes; any other success. */
  ok: 0,
  /** Changes found and --fail-on-changes was given. */
  changes: 1,
  /** The run failed, was cancelled, or did not finish within --timeout. */
  runFailed: 2,
  /** The CI API key was refused (401). */
  auth: 3,
  /** The concurrency limit was reached (429) and still refused when --timeout ran out. */
  limit: 4,
  /** Bad usage or input: flags, settings, or a request the API refused (400, 404, 409, 422…). */
  usage: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the CLI reports in one line (or as `{ "error": … }` with --json) and exits with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** Stable machine-readable code: the API's error code, or one of the CLI's own. */
    readonly code: string,
    /** The HTTP status that caused it, if any. */
    readonly status?: number,
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError(message, EXIT.usage, "usage");
