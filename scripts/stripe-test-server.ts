// The built-in test-mode Stripe server (used only when no Stripe keys are configured): started by
// scripts/launch.ts beside the web server, and by Playwright for the e2e tests.
import "dotenv/config";
import { billingEnv, env } from "@/lib/env";
import { deliverEvents, httpTransport } from "@/lib/billing/test-mode/deliver";
import { createTestModeServer, listen } from "@/lib/billing/test-mode/server";

async function main() {
  const billing = billingEnv();
  if (billing?.mode !== "test") {
    console.error(
      "The Stripe test-mode server runs only without STRIPE_SECRET_KEY and on a local APP_URL.",
    );
    process.exit(1);
  }
  const server = createTestModeServer({
    appUrl: env().APP_URL,
    priceLookupKey: billing.priceLookupKey,
    // Events caused by API writes go to the app's webhook, signed like Stripe's.
    onEvents: (events) =>
      void deliverEvents(events, {
        secret: billing.webhookSecret,
        transport: httpTransport(`${env().APP_URL}/api/stripe/webhook`),
      }),
  });
  const port = await listen(server, billing.port, billing.host);
  console.log(`Stripe test mode listening on http://${billing.host}:${port} (no real charges)`);
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
