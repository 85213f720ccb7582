// Checks run once when a server process starts (from instrumentation.ts). A misconfiguration that
// would weaken security stops the server here instead of being discovered by a user.
import { assertDevLoginAllowed, authSecret, billingEnv, env } from "@/lib/env";

export function runStartupChecks() {
  try {
    const e = env();
    assertDevLoginAllowed(e);
    authSecret();
    billingEnv(e);
  } catch (error) {
    console.error(`\nSignal Diff refused to start: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
