// The Stripe test tool — a development stand-in for Stripe, never part of the product and never
// run in production. It speaks the part of Stripe's API Signal Diff calls (the app reaches it only
// through the Stripe SDK's host/port/protocol settings, see lib/env.ts), hosts its own checkout
// and portal pages, and delivers signed webhook events to the app. `npm start` on the embedded
// defaults runs it; Playwright runs it for the e2e tests.
//
//   tsx tools/stripe-test-mode/main.ts
//
// Settings (environment): STRIPE_WEBHOOK_SECRET (required: the app's endpoint secret),
// APP_URL (where the app's /api/stripe/webhook is), STRIPE_TEST_MODE_HOST/PORT (where to listen),
// STRIPE_TEST_MODE_PUBLIC_URL (this tool's origin for browsers), STRIPE_PRICE_LOOKUP_KEY,
// STRIPE_TEST_MODE_DATA (a JSON file to keep its objects in; unset: memory only).
import "dotenv/config";
import { z } from "zod";
import { webhookSender } from "./deliver";
import { createTestModeServer, listen } from "./server";
import { openStore } from "./store";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

const settings = z
  .object({
    STRIPE_SECRET_KEY: z
      .string()
      .optional()
      .refine((v) => !v, "The Stripe test tool is for runs without STRIPE_SECRET_KEY."),
    STRIPE_WEBHOOK_SECRET: z.string().min(1, "STRIPE_WEBHOOK_SECRET is required"),
    APP_URL: z.url().default("http://localhost:3000"),
    STRIPE_TEST_MODE_HOST: z.string().min(1).default("127.0.0.1"),
    STRIPE_TEST_MODE_PORT: z.coerce.number().int().min(1).max(65535).default(12111),
    STRIPE_TEST_MODE_PUBLIC_URL: z.url().optional(),
    STRIPE_PRICE_LOOKUP_KEY: z.string().min(1).default("signal_diff_paid_monthly"),
    STRIPE_TEST_MODE_DATA: z.string().min(1).optional(),
  })
  .refine((s) => LOCAL_HOSTS.has(new URL(s.APP_URL).hostname), {
    message: "The Stripe test tool delivers webhooks to a local APP_URL only.",
  });

async function main() {
  const parsed = settings.safeParse(process.env);
  if (!parsed.success) {
    console.error(`Stripe test tool: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
    process.exit(1);
  }
  const s = parsed.data;
  openStore(s.STRIPE_TEST_MODE_DATA ?? null);
  const deliver = webhookSender(`${s.APP_URL}/api/stripe/webhook`, s.STRIPE_WEBHOOK_SECRET);
  const server = createTestModeServer({
    publicUrl:
      s.STRIPE_TEST_MODE_PUBLIC_URL ??
      `http://${s.STRIPE_TEST_MODE_HOST}:${s.STRIPE_TEST_MODE_PORT}`,
    priceLookupKey: s.STRIPE_PRICE_LOOKUP_KEY,
    deliver,
  });
  const port = await listen(server, s.STRIPE_TEST_MODE_PORT, s.STRIPE_TEST_MODE_HOST);
  console.log(
    `Stripe test tool listening on http://${s.STRIPE_TEST_MODE_HOST}:${port} (no real charges)`,
  );
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
