// A tiny server process for the multi-instance test (lib/credentials/instances.test.ts): it loads
// its own copy of lib/ and answers with the product's real credential checks, so two of these on
// one database behave like two production instances. Prints "ready <port>" once its
// LISTEN connection is up. Routes:
//   GET  /bearer                 bearer verification (lib/credentials/oauth/tokens.ts)
//   GET  /listening              whether the LISTEN connection is up
//   GET  /ci                     CI key authentication (lib/credentials/ci-keys/authenticate.ts)
//   POST /delete-client?team=&id=  delete an API client and invalidate its issued tokens
//   POST /revoke-ci?team=&key=   revoke a CI key
//   POST /rotate-signing-key     retire the signing key and create a new one
//   POST /enroll?token=&name=    exchange an agent enrollment token (201, or 401 when refused)
import http from "node:http";
import { authenticateCiKey } from "@/lib/credentials/ci-keys/authenticate";
import { revokeKey } from "@/lib/credentials/ci-keys/manage-key";
import { deleteApiClient } from "@/lib/credentials/api-clients/manage-clients";
import { exchangeEnrollmentToken } from "@/lib/credentials/agents/enrollment";
import { rotateSigningKey } from "@/lib/credentials/oauth/signing-keys";
import { verifyAccessToken } from "@/lib/credentials/oauth/tokens";
import { listenerLive, waitForListener } from "@/lib/pg-notify";

function bearer(req: http.IncomingMessage) {
  return (req.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
}

async function answer(req: http.IncomingMessage): Promise<[number, unknown]> {
  const url = new URL(req.url ?? "/", "http://instance");
  const q = (name: string) => url.searchParams.get(name) ?? "";
  const route = `${req.method} ${url.pathname}`;
  if (route === "GET /bearer") {
    const result = await verifyAccessToken(bearer(req));
    return [result.ok ? 200 : 401, result];
  }
  if (route === "GET /listening") return [200, { live: listenerLive() }];
  if (route === "GET /ci") {
    const auth = await authenticateCiKey(bearer(req));
    return [auth ? 200 : 401, { ok: auth !== null }];
  }
  if (route === "POST /delete-client") {
    await deleteApiClient({
      teamId: q("team"),
      id: q("id"),
      invalidateTokens: true,
      actor: { label: "test" },
    });
    return [200, { ok: true }];
  }
  if (route === "POST /revoke-ci") {
    await revokeKey({ teamId: q("team"), keyId: q("key"), actor: { label: "test" } });
    return [200, { ok: true }];
  }
  if (route === "POST /rotate-signing-key") return [200, { kid: await rotateSigningKey() }];
  if (route === "POST /enroll") {
    const enrolled = await exchangeEnrollmentToken({ token: q("token"), name: q("name") });
    return enrolled ? [201, { agentId: enrolled.agent.id }] : [401, { ok: false }];
  }
  return [404, { error: "not found" }];
}

const server = http.createServer((req, res) => {
  answer(req)
    .then(([status, body]) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    })
    .catch((err: unknown) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: String(err) }));
    });
});

server.listen(0, "127.0.0.1", () => {
  void waitForListener(10_000).then((live) => {
    const { port } = server.address() as { port: number };
    console.log(live ? `ready ${port}` : "listener failed");
  });
});
