// npm test — every check, in order: format, lint, typecheck, migrations in step with the schema,
// unit and integration tests (Vitest, real PostgreSQL), then end-to-end tests (Playwright, Chromium).
// Without a PostgreSQL it brings its own (scripts/test-postgres.ts) and takes it down again when
// the run passes, fails or is interrupted (SIGINT, SIGTERM, SIGHUP).
//
// `npm test -- <command…>` runs that command instead of the checks, on the same database setup,
// e.g. `npm test -- npx vitest run lib/runs` on a machine without PostgreSQL.
import { provideTestPostgres } from "./test-postgres";
import { exitCodeForSignal, startStep, type StepProcess } from "./step-process";

const steps: [string, string, string[]][] = [
  ["format", "npm", ["run", "format:check"]],
  ["lint", "npm", ["run", "lint"]],
  ["typecheck", "npm", ["run", "typecheck"]],
  ["migrations", "npm", ["run", "db:migration:check"]],
  ["unit and integration", "npm", ["run", "test:unit"]],
  ["end-to-end", "npm", ["run", "test:e2e"]],
];

let interrupted: NodeJS.Signals | undefined;
let current: StepProcess | undefined;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (!interrupted) console.error(`\n${signal}: stopping the run…`);
    interrupted ??= signal;
    current?.interrupt(signal);
  });
}

async function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}`);
  current = startStep(command, args, env);
  const code = await current.exited;
  current = undefined;
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (code === 0) console.log(`✔ ${name} (${seconds}s)`);
  else console.error(`\n✖ ${name} ${interrupted ? "interrupted" : "failed"} after ${seconds}s`);
  return code;
}

async function main(): Promise<number> {
  const started = Date.now();
  const argv = process.argv.slice(2);
  const custom = argv[0] === "--" ? argv.slice(1) : argv;
  const database = await provideTestPostgres();
  try {
    const plan: typeof steps =
      custom.length > 0 ? [[custom.join(" "), custom[0] ?? "", custom.slice(1)]] : steps;
    for (const [name, command, args] of plan) {
      if (interrupted) break;
      // The migration check diffs two schema files but still opens a connection: it gets the
      // run's server when nothing else is configured (it writes nothing).
      const env =
        name === "migrations"
          ? { ...database.env, DATABASE_URL: database.env.DATABASE_URL ?? database.adminUrl }
          : database.env;
      const code = await run(name, command, args, env);
      if (interrupted) break;
      if (code !== 0) return code;
    }
    if (interrupted) return exitCodeForSignal(interrupted);
  } finally {
    await database.stop();
  }
  const total = ((Date.now() - started) / 1000).toFixed(0);
  console.log(custom.length > 0 ? `\nDone in ${total}s.` : `\nAll checks passed in ${total}s.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
