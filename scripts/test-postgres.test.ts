// Which PostgreSQL a test run uses: a configured or running server is used as before, and only
// when there is neither does the runner start its own (scripts/test-all.test.ts covers that path).
import net from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { defaultAdminUrl, freePort, isListening, provideTestPostgres } from "./test-postgres";

// Next's types make NODE_ENV required in ProcessEnv; these tests pass minimal environments.
const envOf = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listeningPort(): Promise<number> {
  const server = net.createServer((socket) => socket.destroy());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as net.AddressInfo).port;
}

describe("provideTestPostgres", () => {
  test("TEST_DATABASE_ADMIN_URL is used as it is, without probing or starting anything", async () => {
    const url = "postgresql://postgres@127.0.0.1:1/postgres";
    const lines: string[] = [];
    const db = await provideTestPostgres(
      envOf({ TEST_DATABASE_ADMIN_URL: url, TEST_PG_PORT: "1" }),
      (l) => lines.push(l),
    );
    expect(db.adminUrl).toBe(url);
    expect(db.env.TEST_DATABASE_ADMIN_URL).toBe(url);
    expect(db.env.TEST_PG_EMBEDDED_DATA_DIR).toBeUndefined();
    expect(lines.join("\n")).not.toMatch(/embedded/);
  });

  test("a server listening on the probed port is used as before (no embedded server)", async () => {
    const port = await listeningPort();
    const env = envOf({ TEST_PG_PORT: String(port) });
    const lines: string[] = [];
    const db = await provideTestPostgres(env, (l) => lines.push(l));
    expect(db.env).toBe(env);
    expect(db.adminUrl).toBe(`postgresql://postgres@127.0.0.1:${port}/postgres`);
    expect(lines).toEqual([`Test PostgreSQL: the server on 127.0.0.1:${port}`]);
  });

  test("the default target is 127.0.0.1:5432, and TEST_PG_PORT moves it", () => {
    expect(defaultAdminUrl(envOf({}))).toBe("postgresql://postgres@127.0.0.1:5432/postgres");
    expect(defaultAdminUrl(envOf({ TEST_PG_PORT: "6543" }))).toBe(
      "postgresql://postgres@127.0.0.1:6543/postgres",
    );
  });

  test("the probe tells a listening port from a closed one", async () => {
    expect(await isListening("127.0.0.1", await listeningPort())).toBe(true);
    expect(await isListening("127.0.0.1", await freePort())).toBe(false);
  });
});
