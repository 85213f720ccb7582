// Calls to the Signal Diff machine API with the CI key (x-ci-api-key header), and the one place
// that turns an answer into the CLI's errors and exit codes. Redirects are never followed: a
// redirect would carry the key's header to wherever it points.
import type { Connection } from "./connection";
import { CliError, EXIT } from "./exit-codes";

export type Answer = { status: number; body: unknown; retryAfterMs: number | null };

const REQUEST_TIMEOUT_MS = 30_000;

export class Api {
  constructor(
    private readonly conn: Connection,
    private readonly userAgent: string,
  ) {}

  get origin() {
    return this.conn.origin;
  }

  /** One request; any HTTP answer is returned, a network failure throws (exit 5). */
  async send(method: "GET" | "POST", path: string, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = {
      "x-ci-api-key": this.conn.key,
      accept: "application/json",
      "user-agent": this.userAgent,
    };
    if (body !== undefined) headers["content-type"] = "application/json";
    let res: Response;
    try {
      res = await fetch(`${this.conn.origin}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: "manual",
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new CliError(
        `Could not reach ${this.conn.origin} (${describeNetworkError(error)}). Check SIGNALDIFF_API_BASE_URL.`,
        EXIT.usage,
        "unreachable",
      );
    }
    if (res.status >= 300 && res.status < 400) {
      throw new CliError(
        `${this.conn.origin}${path} redirects (HTTP ${res.status}${res.headers.get("location") ? ` to ${res.headers.get("location")}` : ""}): set SIGNALDIFF_API_BASE_URL to the origin that answers, usually its https:// address.`,
        EXIT.usage,
        "redirected",
        res.status,
      );
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      throw new CliError(
        `${this.conn.origin}${path} answered HTTP ${res.status} with something that is not Signal Diff's API (${res.headers.get("content-type") ?? "no content type"}). Check SIGNALDIFF_API_BASE_URL: it is your Signal Diff origin, without /api.`,
        EXIT.usage,
        "not_signal_diff",
        res.status,
      );
    }
    return { status: res.status, body: parsed, retryAfterMs: retryAfterMs(res) };
  }

  /** A 2xx answer's JSON body, or the CliError for the refusal. */
  async json(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
    const answer = await this.send(method, path, body);
    if (answer.status >= 200 && answer.status < 300) return answer.body;
    throw errorFor(answer);
  }
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return "no answer within 30 s";
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  return (
    cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : "network error")
  );
}

function retryAfterMs(res: Response): number | null {
  const header = res.headers.get("retry-after");
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

type ErrorBody = { error?: { code?: unknown; message?: unknown; fields?: unknown } };

/** The API's `{ "error": { code, message, fields } }` as the CLI's error and exit code. */
export function errorFor(answer: Answer): CliError {
  const err = (answer.body as ErrorBody | null)?.error;
  const code = typeof err?.code === "string" ? err.code : `http_${answer.status}`;
  let message = typeof err?.message === "string" ? err.message : `HTTP ${answer.status}`;
  if (err?.fields && typeof err.fields === "object") {
    const details = Object.entries(err.fields as Record<string, unknown>)
      .map(([field, msgs]) => `${field}: ${Array.isArray(msgs) ? msgs.join(" ") : String(msgs)}`)
      .join("; ");
    if (details) message = `${message} (${details})`;
  }
  if (answer.status === 401) {
    return new CliError(
      "The CI API key was refused (401): it is missing, mistyped, expired, rotated away or revoked. Check SIGNALDIFF_CI_API_KEY.",
      EXIT.auth,
      code,
      401,
    );
  }
  if (answer.status === 429) return new CliError(message, EXIT.limit, code, 429);
  return new CliError(
    `${message} (HTTP ${answer.status}, ${code})`,
    EXIT.usage,
    code,
    answer.status,
  );
}
