// The GitHub Action's step (action.yml): masks the key, runs the signaldiff CLI with --json and
// the workflow's metadata (commit SHA, ref, workflow run URL), then writes the step outputs and
// the job summary from the CLI's JSON and exits with the CLI's exit code.
import { spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TriggerResult } from "../cli/trigger";
import { outputLines, outputsOf, summaryMarkdown, type CliErrorJson } from "./summary";

const USAGE = 5;

function input(name: string): string {
  return (process.env[`INPUT_${name}`] ?? "").trim();
}

function flag(name: string, fallback: boolean): boolean {
  const value = input(name).toLowerCase();
  if (value === "") return fallback;
  if (value === "true" || value === "false") return value === "true";
  throw new Error(
    `Input ${name.toLowerCase().replace(/_/g, "-")} must be "true" or "false" (got "${value}").`,
  );
}

/** The CLI's arguments for this workflow run. */
export function cliArgs(env: NodeJS.ProcessEnv): string[] {
  const args = ["trigger", "--site", input("SITE_ID"), "--json"];
  if (env.GITHUB_SHA) args.push("--commit", env.GITHUB_SHA);
  const ref = env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME;
  if (ref) args.push("--branch", ref);
  if (env.GITHUB_REPOSITORY) args.push("--repository", env.GITHUB_REPOSITORY);
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    args.push(
      "--run-url",
      `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`,
    );
  }
  if (input("ENVIRONMENT")) args.push("--environment", input("ENVIRONMENT"));
  if (flag("WAIT", true)) args.push("--wait");
  if (flag("FAIL_ON_CHANGES", false)) args.push("--fail-on-changes");
  if (input("EXECUTION_MODE")) args.push("--execution-mode", input("EXECUTION_MODE"));
  if (input("AGENT_POOL_ID")) args.push("--pool", input("AGENT_POOL_ID"));
  if (input("TIMEOUT")) args.push("--timeout", input("TIMEOUT"));
  return args;
}

/** Runs the CLI beside this Action; its progress goes straight to the log, its JSON is returned. */
function runCli(args: string[]): Promise<{ code: number; stdout: string }> {
  const cli = fileURLToPath(new URL("../cli/signaldiff.mjs", import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => (stdout += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? USAGE, stdout }));
  });
}

function annotate(result: TriggerResult | CliErrorJson) {
  if ("error" in result && !("run_id" in result)) {
    console.log(`::error title=Signal Diff::${escapeData(result.error.message)}`);
    return;
  }
  const r = result as TriggerResult;
  if (r.exit_code !== 0) {
    console.log(
      `::error title=Signal Diff::${escapeData(`${r.verdict.replace("_", " ")}: ${r.url}`)}`,
    );
  } else if (r.verdict === "changes") {
    console.log(
      `::warning title=Signal Diff::${escapeData(`${r.changed_pages.length} page(s) changed: ${r.url}`)}`,
    );
  }
}

/** Workflow-command data escaping (as @actions/core does). */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

async function main(): Promise<number> {
  const key = (process.env.SIGNALDIFF_CI_API_KEY ?? "").trim();
  // First, before anything could print it: the runner hides this value in every later log line.
  if (key) console.log(`::add-mask::${key}`);
  let args: string[];
  try {
    if (!input("SITE_ID")) throw new Error("Input site-id is required.");
    args = cliArgs(process.env);
  } catch (error) {
    console.log(`::error title=Signal Diff::${escapeData((error as Error).message)}`);
    return USAGE;
  }
  const { code, stdout } = await runCli(args);
  let result: TriggerResult | CliErrorJson;
  try {
    result = JSON.parse(stdout) as TriggerResult | CliErrorJson;
  } catch {
    console.log("::error title=Signal Diff::The signaldiff CLI printed no JSON result.");
    return code || USAGE;
  }
  if (process.env.GITHUB_OUTPUT)
    appendFileSync(process.env.GITHUB_OUTPUT, outputLines(outputsOf(result)));
  if (process.env.GITHUB_STEP_SUMMARY)
    appendFileSync(process.env.GITHUB_STEP_SUMMARY, summaryMarkdown(result));
  annotate(result);
  return code;
}

void main().then((code) => {
  process.exitCode = code;
});
