// The command line, parsed with Node's built-in util.parseArgs (maintained with Node itself, no
// dependency to install or bundle). Every command's flags are declared once here; the help text
// and the docs' snippet test read the same tables.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { parseDuration } from "./duration";
import { usageError } from "./exit-codes";

export type Common = { baseUrl?: string; keyStdin: boolean; json: boolean };

export type TriggerCommand = {
  kind: "trigger";
  common: Common;
  siteId: string;
  commit?: string;
  branch?: string;
  repository?: string;
  runUrl?: string;
  environment?: string;
  executionMode?: "cloud" | "agent";
  poolId?: string;
  wait: boolean;
  timeoutMs: number;
  failOnChanges: boolean;
};

export type Command =
  | { kind: "help"; text: string }
  | { kind: "version" }
  | TriggerCommand
  | {
      kind: "runs-list";
      common: Common;
      siteId?: string;
      status?: string;
      limit?: string;
      cursor?: string;
    }
  | { kind: "runs-show"; common: Common; runId: string }
  | { kind: "runs-cancel"; common: Common; runId: string }
  | { kind: "sites-list"; common: Common; limit?: string; cursor?: string };

type Options = NonNullable<ParseArgsConfig["options"]>;

const COMMON: Options = {
  "base-url": { type: "string" },
  "key-stdin": { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
};

const PAGE: Options = { limit: { type: "string" }, cursor: { type: "string" } };

/** Each command's own flags (besides COMMON) and how many positionals it takes. */
export const COMMANDS = {
  trigger: {
    options: {
      site: { type: "string" },
      commit: { type: "string" },
      branch: { type: "string" },
      repository: { type: "string" },
      "run-url": { type: "string" },
      environment: { type: "string" },
      "execution-mode": { type: "string" },
      pool: { type: "string" },
      wait: { type: "boolean" },
      timeout: { type: "string" },
      "fail-on-changes": { type: "boolean" },
    },
    positionals: [] as string[],
  },
  "runs list": {
    options: { site: { type: "string" }, status: { type: "string" }, ...PAGE },
    positionals: [] as string[],
  },
  "runs show": { options: {}, positionals: ["run-id"] },
  "runs cancel": { options: {}, positionals: ["run-id"] },
  "sites list": { options: { ...PAGE }, positionals: [] as string[] },
} satisfies Record<string, { options: Options; positionals: string[] }>;

export type CommandName = keyof typeof COMMANDS;

export const DEFAULT_TIMEOUT = "15m";

const CONNECTION_HELP = `Connection (every command):
  SIGNALDIFF_API_BASE_URL   your Signal Diff origin, e.g. https://signaldiff.example (no /api)
  SIGNALDIFF_CI_API_KEY     the team's CI API key (sck_…); never printed
  --base-url <origin>       instead of SIGNALDIFF_API_BASE_URL
  --key-stdin               read the key from standard input instead (there is no --key flag:
                            a key on a command line lands in shell history and process lists)
  --json                    one JSON document on stdout (progress and notices go to stderr)`;

const EXIT_HELP = `Exit codes:
  0  finished without changes (or with changes, without --fail-on-changes); command succeeded
  1  changes found, with --fail-on-changes
  2  the run failed, was cancelled, or did not finish within --timeout
  3  the CI API key was refused (401)
  4  the concurrency limit was reached (429) and still refused when --timeout ran out
  5  bad usage or input (flags, settings, a request the API refused, an unreachable origin)`;

export const HELP: Record<CommandName | "main", string> = {
  main: `signaldiff — start Signal Diff runs from any pipeline and wait for the verdict.

Usage:
  signaldiff trigger --site <id> [--commit <sha>] [--branch <name>] [--environment <name>]
                     [--repository <owner/repo>] [--run-url <url>]
                     [--execution-mode cloud|agent] [--pool <id>]
                     [--wait] [--timeout 15m] [--fail-on-changes] [--json]
  signaldiff runs list [--site <id>] [--status <status>] [--limit <n>] [--cursor <c>] [--json]
  signaldiff runs show <run-id> [--json]
  signaldiff runs cancel <run-id> [--json]
  signaldiff sites list [--limit <n>] [--cursor <c>] [--json]
  signaldiff --version | --help | <command> --help

${CONNECTION_HELP}

${EXIT_HELP}`,
  trigger: `signaldiff trigger --site <id> [options] — start a run of one of your team's sites.

  --site <id>                 the site to crawl (signaldiff sites list shows the ids)
  --commit <sha>              run metadata: the deployed commit (hex, 7–64 characters)
  --branch <name>             run metadata: the branch or ref
  --environment <name>        run metadata: the deployment environment (production, staging…)
  --repository <owner/repo>   run metadata: the repository
  --run-url <url>             run metadata: a link back to the pipeline run
  --execution-mode cloud|agent  where the crawl runs (default: the site's setting)
  --pool <id>                 the customer agent pool that runs it (with --execution-mode agent;
                              default: the site's pool)
  --wait                      follow the run to its end, then print the verdict and changed pages
  --timeout <duration>        how long to retry a full concurrency limit (429) and to wait for
                              the run, together (default ${DEFAULT_TIMEOUT}; e.g. 90s, 15m, 1h)
  --fail-on-changes           exit 1 when the finished run found changed, added or removed pages

${CONNECTION_HELP}

${EXIT_HELP}`,
  "runs list": `signaldiff runs list — the team's runs, newest first.

  --site <id>        only this site's runs
  --status <status>  queued, running, succeeded, succeeded_with_errors, failed, cancelled, skipped
  --limit <n>        runs per page (1–100, default 20)
  --cursor <c>       the next page (printed after a full page; next_cursor with --json)

${CONNECTION_HELP}`,
  "runs show": `signaldiff runs show <run-id> — one run: status, counts and changed pages.

${CONNECTION_HELP}`,
  "runs cancel": `signaldiff runs cancel <run-id> — cancel a queued or running run.

${CONNECTION_HELP}`,
  "sites list": `signaldiff sites list — the team's sites and their ids.

  --limit <n>   sites per page (1–100, default 20)
  --cursor <c>  the next page

${CONNECTION_HELP}`,
};

function commandName(argv: string[]): { name: CommandName; rest: string[] } | null {
  const [first, second] = argv;
  if (first === "trigger") return { name: "trigger", rest: argv.slice(1) };
  const pair = `${first} ${second}`;
  if (pair in COMMANDS && first !== "trigger") {
    return { name: pair as CommandName, rest: argv.slice(2) };
  }
  return null;
}

function refuseKeyFlag(argv: string[]) {
  if (argv.some((a) => a === "--key" || a.startsWith("--key=") || a === "--api-key")) {
    throw usageError(
      "There is no --key flag: a key on the command line lands in shell history and process lists. Set SIGNALDIFF_CI_API_KEY, or pipe the key to --key-stdin.",
    );
  }
}

/** The parsed command line, or a usage error (exit 5) that says what to type instead. */
export function parseCommand(argv: string[]): Command {
  refuseKeyFlag(argv);
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    return { kind: "help", text: HELP.main };
  }
  if (argv[0] === "--version" || argv[0] === "-v") return { kind: "version" };
  const found = commandName(argv);
  if (!found) {
    const group = argv[0] === "runs" || argv[0] === "sites" ? `${argv[0]} ` : "";
    throw usageError(
      `Unknown command "${argv.slice(0, group ? 2 : 1).join(" ")}". Run signaldiff --help for the commands.`,
    );
  }
  const spec = COMMANDS[found.name];
  let parsed;
  try {
    parsed = parseArgs({
      args: found.rest,
      options: { ...COMMON, ...spec.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw usageError(`${message.split("\n")[0]} Run signaldiff ${found.name} --help.`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return { kind: "help", text: HELP[found.name] };
  if (parsed.positionals.length !== spec.positionals.length) {
    const expected = spec.positionals.map((p) => `<${p}>`).join(" ");
    throw usageError(
      expected
        ? `signaldiff ${found.name} takes ${expected}.`
        : `Unexpected argument "${parsed.positionals[0]}". Run signaldiff ${found.name} --help.`,
    );
  }
  const str = (name: string) => {
    const v = values[name];
    return typeof v === "string" ? v : undefined;
  };
  const common: Common = {
    baseUrl: str("base-url"),
    keyStdin: values["key-stdin"] === true,
    json: values.json === true,
  };
  const [positional = ""] = parsed.positionals;
  switch (found.name) {
    case "trigger":
      return triggerCommand(common, str, values);
    case "runs list":
      return {
        kind: "runs-list",
        common,
        siteId: str("site"),
        status: str("status"),
        limit: str("limit"),
        cursor: str("cursor"),
      };
    case "runs show":
      return { kind: "runs-show", common, runId: positional };
    case "runs cancel":
      return { kind: "runs-cancel", common, runId: positional };
    case "sites list":
      return { kind: "sites-list", common, limit: str("limit"), cursor: str("cursor") };
  }
}

function triggerCommand(
  common: Common,
  str: (name: string) => string | undefined,
  values: Record<string, string | boolean | undefined>,
): TriggerCommand {
  const siteId = str("site")?.trim();
  if (!siteId) {
    throw usageError("--site <id> is required (signaldiff sites list shows your sites' ids).");
  }
  const mode = str("execution-mode");
  if (mode !== undefined && mode !== "cloud" && mode !== "agent") {
    throw usageError(`--execution-mode must be "cloud" or "agent" (got "${mode}").`);
  }
  const poolId = str("pool");
  if (poolId !== undefined && mode !== "agent") {
    throw usageError("--pool <id> goes with --execution-mode agent.");
  }
  if (values["fail-on-changes"] === true && values.wait !== true) {
    throw usageError("--fail-on-changes needs --wait: changes are known only when the run ends.");
  }
  return {
    kind: "trigger",
    common,
    siteId,
    commit: str("commit"),
    branch: str("branch"),
    repository: str("repository"),
    runUrl: str("run-url"),
    environment: str("environment"),
    executionMode: mode,
    poolId,
    wait: values.wait === true,
    timeoutMs: parseDuration(str("timeout") ?? DEFAULT_TIMEOUT, "--timeout"),
    failOnChanges: values["fail-on-changes"] === true,
  };
}
