// signaldiff — the Signal Diff CLI. `run(argv, io)` does the work and returns the exit code;
// cli/bin.ts is the process entry. Built into one dependency-free file (cli/signaldiff.mjs) so
// `npx signaldiff` and the GitHub Action need nothing but Node 20+.
import { Api } from "./api";
import { parseCommand, type Command } from "./args";
import { readStdin, resolveKey, resolveOrigin } from "./connection";
import { CliError, EXIT, type ExitCode } from "./exit-codes";
import { triggerLines } from "./format";
import { redacting, type Io } from "./io";
import { runsCancel, runsList, runsShow, sitesList } from "./commands";
import { runTrigger } from "./trigger";

declare const SIGNALDIFF_CLI_VERSION: string | undefined;
export const VERSION =
  typeof SIGNALDIFF_CLI_VERSION === "string" ? SIGNALDIFF_CLI_VERSION : "development";

type Connected = Exclude<Command, { kind: "help" } | { kind: "version" }>;

async function connect(cmd: Connected, io: Io, secrets: string[]) {
  const { origin, notice } = resolveOrigin(cmd.common.baseUrl, io.env);
  if (notice) io.err(notice);
  const key = resolveKey(cmd.common.keyStdin ? await readStdin(io.stdin) : null, io.env);
  secrets.push(key);
  return new Api({ origin, key }, `signaldiff-cli/${VERSION}`);
}

async function execute(cmd: Connected, io: Io, secrets: string[]): Promise<ExitCode> {
  const api = await connect(cmd, io, secrets);
  const json = cmd.common.json;
  switch (cmd.kind) {
    case "trigger": {
      const result = await runTrigger(api, io, cmd);
      if (json) io.out(JSON.stringify(result, null, 2));
      else for (const line of triggerLines(result)) io.out(line);
      return result.exit_code;
    }
    case "runs-list":
      await runsList(api, io, json, cmd);
      return EXIT.ok;
    case "runs-show":
      await runsShow(api, io, json, cmd.runId);
      return EXIT.ok;
    case "runs-cancel":
      await runsCancel(api, io, json, cmd.runId);
      return EXIT.ok;
    case "sites-list":
      await sitesList(api, io, json, { limit: cmd.limit, cursor: cmd.cursor });
      return EXIT.ok;
  }
}

/** The error document `--json` prints on stdout when a command cannot complete. */
export function errorJson(error: CliError) {
  return {
    error: {
      code: error.code,
      message: error.message,
      exit_code: error.exitCode,
      http_status: error.status ?? null,
    },
  };
}

export async function run(argv: string[], plainIo: Io): Promise<ExitCode> {
  const wantsJson = argv.includes("--json");
  // No code path puts the key into a message; every line is masked regardless.
  const secrets: string[] = [];
  const envKey = plainIo.env.SIGNALDIFF_CI_API_KEY?.trim();
  if (envKey) secrets.push(envKey);
  const io = redacting(plainIo, secrets);
  try {
    const cmd = parseCommand(argv);
    if (cmd.kind === "help") {
      io.out(cmd.text);
      return EXIT.ok;
    }
    if (cmd.kind === "version") {
      io.out(VERSION);
      return EXIT.ok;
    }
    return await execute(cmd, io, secrets);
  } catch (error) {
    const known =
      error instanceof CliError
        ? error
        : new CliError(
            `Unexpected error: ${error instanceof Error ? error.message : String(error)}`,
            EXIT.usage,
            "internal",
          );
    if (wantsJson) io.out(JSON.stringify(errorJson(known), null, 2));
    io.err(`signaldiff: ${known.message}`);
    return known.exitCode;
  }
}
