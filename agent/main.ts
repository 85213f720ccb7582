// signaldiff-agent — the customer agent program (see /docs/agents). `npm run build:cli` bundles it
// with the crawler into bin/signaldiff-agent.mjs (committed, only node: imports), the package's bin.
//
//   npm run agent -- --url <base URL> --enroll <sce_ token> [--name N] [--state-dir D]
//   npx signaldiff-agent --url https://signaldiff.example --enroll sce_…
//
// Options: --log json|pretty (default: pretty on a terminal, else json), --allow-metadata (let
// crawls reach cloud-metadata addresses such as 169.254.169.254; off by default), --concurrency N,
// --grace-ms N (how long a run may finish after SIGINT/SIGTERM before it is returned to the queue).
// Environment: SIGNALDIFF_URL, SIGNALDIFF_ENROLL_TOKEN, SIGNALDIFF_AGENT_NAME,
// SIGNALDIFF_AGENT_STATE_DIR.
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startAgent } from "./agent";
import { createLogger, type LogFormat } from "./log";
import { AGENT_VERSION } from "./version";

const USAGE = `Usage: signaldiff-agent --url <base URL> [--enroll <sce_ token>] [--name N] [--state-dir D]
       [--log json|pretty] [--allow-metadata] [--concurrency N] [--grace-ms N]
       signaldiff-agent --version | --help`;

function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: "string" },
        enroll: { type: "string" },
        name: { type: "string" },
        "state-dir": { type: "string" },
        log: { type: "string" },
        "allow-metadata": { type: "boolean" },
        concurrency: { type: "string" },
        "grace-ms": { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.version) {
    process.stdout.write(`${AGENT_VERSION}\n`);
    return;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const url = values.url ?? process.env.SIGNALDIFF_URL;
  if (!url || !/^https?:\/\//.test(url)) {
    process.stderr.write(`--url <base URL> is required (http or https).\n${USAGE}\n`);
    process.exit(2);
  }
  const format = (values.log ?? (process.stderr.isTTY ? "pretty" : "json")) as LogFormat;
  if (format !== "json" && format !== "pretty") {
    process.stderr.write(`--log must be json or pretty.\n`);
    process.exit(2);
  }
  const stateDir =
    values["state-dir"] ??
    process.env.SIGNALDIFF_AGENT_STATE_DIR ??
    path.join(
      process.env.XDG_STATE_HOME ?? path.join(os.homedir(), ".local", "state"),
      "signaldiff-agent",
    );
  const agent = startAgent({
    url,
    stateDir,
    enrollToken: values.enroll ?? process.env.SIGNALDIFF_ENROLL_TOKEN,
    name: values.name ?? process.env.SIGNALDIFF_AGENT_NAME,
    allowMetadata: values["allow-metadata"] ?? false,
    concurrency: values.concurrency ? Number(values.concurrency) : undefined,
    graceMs: values["grace-ms"] ? Number(values["grace-ms"]) : undefined,
    log: createLogger(format),
  });
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    if (signals > 1) process.exit(130);
    process.stderr.write(`${sig}: stopping (again to exit at once)\n`);
    agent.stop();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  void agent.done.then((code) => process.exit(code));
}

main();
