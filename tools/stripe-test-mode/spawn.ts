// How the launcher (scripts/launch.ts) starts the Stripe test tool on the embedded defaults: one
// node process beside the web server, its objects kept in .data/ across restarts, ready (health
// answered) before the demo seed and the app talk to it.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import path from "node:path";

export async function spawnStripeTool(
  env: NodeJS.ProcessEnv,
  tool: { host: string; port: number; webhookSecret: string },
  options: SpawnOptions = { stdio: "inherit" },
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join("tools", "stripe-test-mode", "main.ts")],
    {
      ...options,
      env: {
        ...env,
        ...options.env,
        STRIPE_WEBHOOK_SECRET: tool.webhookSecret,
        STRIPE_TEST_MODE_DATA:
          env.STRIPE_TEST_MODE_DATA ?? path.join(process.cwd(), ".data", "stripe-test-mode.json"),
      },
    },
  );
  const health = `http://${tool.host}:${tool.port}/health`;
  for (let i = 0; i < 150 && child.exitCode === null; i++) {
    const up = await fetch(health).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The Stripe test tool did not start (${health}).`);
}
