// Structured logging. Secrets never reach a log line: known secret-bearing fields are redacted by
// path, and any string that looks like one of our credentials is masked wherever it appears.
import pino from "pino";

const SECRET_PATTERN = /\b(sck|dh_live|dh_secret|whsec|sdenroll|sdagent)_[A-Za-z0-9+/=_-]{8,}/g;

/** Masks anything shaped like a Signal Diff credential, keeping its public prefix. */
export function scrubSecrets(text: string): string {
  return text.replace(SECRET_PATTERN, (_m, prefix: string) => `${prefix}_[REDACTED]`);
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubSecrets(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubSecrets(value.message),
      stack: value.stack && scrubSecrets(value.stack),
    };
  }
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, depth + 1);
  return out;
}

export const redactPaths = [
  "password",
  "secret",
  "token",
  "apiKey",
  "clientSecret",
  "client_secret",
  "access_token",
  "authorization",
  "cookie",
  "*.password",
  "*.secret",
  "*.token",
  "*.apiKey",
  "*.clientSecret",
  "*.client_secret",
  "*.access_token",
  "*.authorization",
  "*.cookie",
  "headers.authorization",
  "headers.cookie",
  'headers["x-ci-api-key"]',
  'headers["stripe-signature"]',
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-ci-api-key"]',
];

export function createLogger(
  options: { level?: string; destination?: pino.DestinationStream } = {},
) {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? "info",
      base: { service: "signal-diff" },
      redact: { paths: redactPaths, censor: "[REDACTED]" },
      formatters: {
        log: (object) => scrubDeep(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === "string" ? scrubSecrets(a) : a));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination,
  );
}

export const logger = createLogger();
