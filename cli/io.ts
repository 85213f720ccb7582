// Where the CLI writes and waits. Results go to stdout (one JSON document with --json); progress,
// notices and errors go to stderr, so `--json` output can be piped straight into jq.
/** Environment variables (process.env, or a test's own). */
export type Env = Readonly<Record<string, string | undefined>>;

export type Io = {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Rewrites the current stderr line (live progress on a terminal). */
  status: ((line: string) => void) | null;
  env: Env;
  stdin: NodeJS.ReadableStream;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
};

export function processIo(): Io {
  const tty = process.stderr.isTTY === true && process.env.TERM !== "dumb";
  let statusShown = false;
  const clearStatus = () => {
    if (statusShown) process.stderr.write("\r\x1b[2K");
    statusShown = false;
  };
  return {
    out: (line) => {
      clearStatus();
      process.stdout.write(`${line}\n`);
    },
    err: (line) => {
      clearStatus();
      process.stderr.write(`${line}\n`);
    },
    status: tty
      ? (line) => {
          const width = Math.max(20, (process.stderr.columns || 80) - 1);
          process.stderr.write(`\r\x1b[2K${line.slice(0, width)}`);
          statusShown = true;
        }
      : null,
    env: process.env,
    stdin: process.stdin,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Date.now(),
  };
}

/** The same Io with every occurrence of the secrets (read at each write) masked. */
export function redacting(io: Io, secrets: readonly string[]): Io {
  const mask = (text: string) =>
    secrets.reduce((t, secret) => (secret ? t.split(secret).join("[redacted]") : t), text);
  return {
    ...io,
    out: (line) => io.out(mask(line)),
    err: (line) => io.err(mask(line)),
    status: io.status ? (line) => io.status?.(mask(line)) : null,
  };
}
