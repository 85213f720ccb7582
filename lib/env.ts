// Environment, parsed once with zod. Required settings fail loudly at first use; optional
// integrations (GitHub OAuth, Stripe) answer null when they are not configured.
import { createHash } from "node:crypto";
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set" })
    .refine((v) => /^postgres(ql)?:\/\//.test(v), "DATABASE_URL must be a postgresql:// URL"),
  APP_URL: z.url().default("http://localhost:3000"),
  AUTH_SECRET: optionalString,
  AUTH_GITHUB_ID: optionalString,
  AUTH_GITHUB_SECRET: optionalString,
  AUTH_DEV_LOGIN: flag,
  // Test-only: point the GitHub provider at a local server speaking GitHub's OAuth protocol.
  // Honoured only while APP_URL is a local address (see githubOAuthEnv).
  TEST_GITHUB_OAUTH_URL: optionalString,
  TEST_GITHUB_API_URL: optionalString,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Crawls and workers (runs issue).
  CRAWL_ALLOW_PRIVATE_NETWORKS: flag,
  // Host names (or literal IPs) cloud crawls and webhook deliveries may reach even when private
  // networks are refused, comma-separated (the e2e suite allows its shared test site and nothing
  // else private).
  CRAWL_ALLOW_HOSTS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((h) => h.trim())
        .filter(Boolean),
    ),
  CRAWL_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(6),
  RUN_LEASE_SECONDS: z.coerce.number().int().min(2).max(60).default(30),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120000).default(10000),
  WORKER_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(200).max(300000).default(10000),
  // Customer agents: an agent run nobody claims fails after this long ("waiting for an agent").
  AGENT_QUEUE_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(86_400).default(600),
  WORKER_HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // Billing (Stripe). Without STRIPE_SECRET_KEY on a local APP_URL, the SDK talks to the Stripe
  // test tool (tools/stripe-test-mode, a development program) at STRIPE_TEST_MODE_HOST/PORT.
  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  STRIPE_PRICE_LOOKUP_KEY: z.string().trim().min(1).default("signal_diff_paid_monthly"),
  STRIPE_TEST_MODE_HOST: z.string().trim().min(1).default("127.0.0.1"),
  STRIPE_TEST_MODE_PORT: z.coerce.number().int().min(1).max(65535).default(12111),
  // --- Credentials (CI API keys, API clients, OAuth tokens) ---
  // Lifetime of OAuth access tokens; capped at 24 h and at the client's own expiry.
  OAUTH_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  // Token requests allowed per minute per client id and per IP.
  OAUTH_TOKEN_RATE_LIMIT_PER_CLIENT: z.coerce.number().int().positive().default(30),
  OAUTH_TOKEN_RATE_LIMIT_PER_IP: z.coerce.number().int().positive().default(60),
  // How many reverse proxies of ours sit in front of the server. 0 (default): the client IP is the
  // socket address and X-Forwarded-For is ignored; N: the address the outermost of N proxies saw.
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // CI key rotations allowed per key and per team within the window.
  CI_KEY_ROTATE_LIMIT_PER_KEY: z.coerce.number().int().positive().default(3),
  CI_KEY_ROTATE_LIMIT_PER_TEAM: z.coerce.number().int().positive().default(10),
  CI_KEY_ROTATE_WINDOW_SECONDS: z.coerce.number().int().positive().default(600),
  // Where GitHub publishes the keys that sign secret-scanning reports (a local fake in tests).
  GITHUB_SECRET_SCANNING_KEYS_URL: z
    .url()
    .default("https://api.github.com/meta/public_keys/secret_scanning"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Parses an environment (process.env by default). Throws an error naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The server's parsed environment, read once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** True for http(s)://localhost, 127.0.0.1 and [::1] — the only places dev sign-in may run. */
export function isLocalUrl(url: string): boolean {
  try {
    const { hostname } = new URL(url);
    return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
  } catch {
    return false;
  }
}

/** The secret that signs sessions. A production deployment must set AUTH_SECRET. */
export function authSecret(e: Env = env()): string {
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  if (e.NODE_ENV === "production" && !isLocalUrl(e.APP_URL)) {
    throw new Error(
      "AUTH_SECRET must be set in production (generate one: openssl rand -base64 32)",
    );
  }
  // Local runs without a configured secret (the launcher normally provides one).
  return "signal-diff-local-development-secret-not-for-production";
}

export type GitHubOAuthEnv = {
  clientId: string;
  clientSecret: string;
  /** Base of github.com's OAuth endpoints (authorize, access_token). */
  oauthUrl: string;
  /** Base of api.github.com (user, user/emails). */
  apiUrl: string;
};

/** GitHub OAuth app settings, or null when no app is configured. */
export function githubOAuthEnv(e: Env = env()): GitHubOAuthEnv | null {
  if (!e.AUTH_GITHUB_ID || !e.AUTH_GITHUB_SECRET) return null;
  const overrides = isLocalUrl(e.APP_URL);
  return {
    clientId: e.AUTH_GITHUB_ID,
    clientSecret: e.AUTH_GITHUB_SECRET,
    oauthUrl: (overrides && e.TEST_GITHUB_OAUTH_URL) || "https://github.com",
    apiUrl: (overrides && e.TEST_GITHUB_API_URL) || "https://api.github.com",
  };
}

/**
 * Whether the development sign-in is on. Enabling it anywhere but on a local URL is a
 * configuration error that stops the server (see instrumentation.ts), never a silent downgrade.
 */
export function devLoginEnabled(e: Env = env()): boolean {
  if (!e.AUTH_DEV_LOGIN) return false;
  assertDevLoginAllowed(e);
  return true;
}

export function assertDevLoginAllowed(e: Pick<Env, "AUTH_DEV_LOGIN" | "APP_URL">): void {
  if (e.AUTH_DEV_LOGIN && !isLocalUrl(e.APP_URL)) {
    throw new Error(
      `AUTH_DEV_LOGIN=1 is refused: the development sign-in only runs on localhost, but APP_URL is ${e.APP_URL}`,
    );
  }
}

export type BillingEnv =
  | { mode: "stripe"; secretKey: string; webhookSecret: string; priceLookupKey: string }
  | {
      mode: "test";
      secretKey: string;
      webhookSecret: string;
      priceLookupKey: string;
      host: string;
      port: number;
    };

/** The key the SDK sends to the local Stripe test tool. Not a secret: the tool runs locally. */
export const LOCAL_STRIPE_TEST_KEY = "sk_test_signal_diff_local_test_mode";

/**
 * Billing settings. With STRIPE_SECRET_KEY it is real Stripe, and the local tool is never used.
 * Without it, on a local APP_URL only, the SDK is pointed (host/port) at the Stripe test tool with
 * a test key; a public deployment without Stripe keys has billing switched off (null) rather than
 * handing out free paid plans.
 */
export function billingEnv(e: Env = env()): BillingEnv | null {
  if (e.STRIPE_SECRET_KEY) {
    if (!/^(sk|rk)_(test|live)_/.test(e.STRIPE_SECRET_KEY)) {
      throw new Error("STRIPE_SECRET_KEY must be a Stripe secret key (sk_live_…, sk_test_…, rk_…)");
    }
    if (!e.STRIPE_WEBHOOK_SECRET) {
      throw new Error(
        "STRIPE_WEBHOOK_SECRET must be set with STRIPE_SECRET_KEY (the endpoint's signing secret, whsec_…)",
      );
    }
    return {
      mode: "stripe",
      secretKey: e.STRIPE_SECRET_KEY,
      webhookSecret: e.STRIPE_WEBHOOK_SECRET,
      priceLookupKey: e.STRIPE_PRICE_LOOKUP_KEY,
    };
  }
  if (!isLocalUrl(e.APP_URL)) return null;
  return {
    mode: "test",
    secretKey: LOCAL_STRIPE_TEST_KEY,
    // The launcher generates one; otherwise derive a stable local one from the session secret.
    webhookSecret:
      e.STRIPE_WEBHOOK_SECRET ??
      `whsec_${createHash("sha256")
        .update(`stripe-test-mode:${authSecret(e)}`)
        .digest("base64url")}`,
    priceLookupKey: e.STRIPE_PRICE_LOOKUP_KEY,
    host: e.STRIPE_TEST_MODE_HOST,
    port: e.STRIPE_TEST_MODE_PORT,
  };
}
