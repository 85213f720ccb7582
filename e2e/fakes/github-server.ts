// A local server that speaks GitHub's OAuth web flow and the two REST endpoints next-auth calls, so
// e2e tests run the real next-auth GitHub callback code without reaching github.com.
//
//   GET  /login/oauth/authorize   a sign-in form; "Authorize" redirects back with ?code&state
//   POST /login/oauth/access_token  exchanges the code (client id/secret checked) for a token
//   GET  /api/user                the profile; logins ending in "-private" have email: null
//   GET  /api/user/emails         the addresses, primary and verified first
//   GET  /api/meta/public_keys/secret_scanning   the key that signs secret-scanning reports
//   POST /test/secret-scanning/report   {target, matches}: sends `matches` to `target` the way
//        GitHub's secret scanning does (JSON array, ECDSA P-256 signature headers) and answers
//        with the target's status and body
import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

const port = Number(process.env.FAKE_GITHUB_PORT ?? 3901);
const clientId = process.env.FAKE_GITHUB_CLIENT_ID ?? "e2e-client-id";
const clientSecret = process.env.FAKE_GITHUB_CLIENT_SECRET ?? "e2e-client-secret";

const codes = new Map<string, { login: string; redirectUri: string }>();
const tokens = new Map<string, string>();

// A fresh signing key per run, as GitHub publishes at /meta/public_keys/secret_scanning.
const scanning = generateKeyPairSync("ec", { namedCurve: "P-256" });
const scanningKeyId = createHash("sha256")
  .update(scanning.publicKey.export({ type: "spki", format: "der" }))
  .digest("hex");

function userFor(login: string) {
  const id = parseInt(createHash("sha256").update(login).digest("hex").slice(0, 8), 16);
  const isPrivate = login.endsWith("-private");
  return {
    id,
    login,
    name: login
      .replace(/-private$/, "")
      .replace(/(^|-)(\w)/g, (_m, s: string, c: string) => `${s ? " " : ""}${c.toUpperCase()}`),
    email: isPrivate ? null : `${login}@users.example.com`,
    avatar_url: "",
    emails: [
      { email: `${login}+old@example.com`, primary: false, verified: false },
      { email: `${login}@example.com`, primary: true, verified: true },
    ],
  };
}

async function body(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if ((req.headers["content-type"] ?? "").includes("json"))
    return JSON.parse(text || "{}") as Record<string, string>;
  return Object.fromEntries(new URLSearchParams(text));
}

function send(res: ServerResponse, status: number, data: unknown, type = "application/json") {
  res.writeHead(status, { "Content-Type": type });
  res.end(type === "application/json" ? JSON.stringify(data) : String(data));
}

function bearer(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization ?? "";
  const token = auth.replace(/^(Bearer|token)\s+/i, "");
  return tokens.get(token);
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
  if (req.method === "GET" && url.pathname === "/login/oauth/authorize") {
    if (url.searchParams.get("client_id") !== clientId)
      return send(res, 400, "unknown client_id", "text/plain");
    const hidden = ["redirect_uri", "state"]
      .map(
        (k) =>
          `<input type="hidden" name="${k}" value="${(url.searchParams.get(k) ?? "").replace(/"/g, "&quot;")}">`,
      )
      .join("");
    return send(
      res,
      200,
      `<!doctype html><title>Sign in to GitHub (fake)</title><h1>Sign in to GitHub (fake)</h1>
       <form method="post" action="/login/oauth/authorize">${hidden}
       <label>Username <input name="login" required></label> <button>Authorize</button></form>`,
      "text/html",
    );
  }
  if (req.method === "POST" && url.pathname === "/login/oauth/authorize") {
    const form = await body(req);
    const code = randomBytes(10).toString("hex");
    codes.set(code, { login: form.login ?? "octocat", redirectUri: form.redirect_uri ?? "" });
    const back = new URL(form.redirect_uri ?? "");
    back.searchParams.set("code", code);
    back.searchParams.set("state", form.state ?? "");
    res.writeHead(302, { Location: back.toString() });
    return res.end();
  }
  if (req.method === "POST" && url.pathname === "/login/oauth/access_token") {
    const form = await body(req);
    const basic = req.headers.authorization?.startsWith("Basic ")
      ? Buffer.from(req.headers.authorization.slice(6), "base64")
          .toString()
          .split(":")
          .map(decodeURIComponent)
      : [form.client_id, form.client_secret];
    if (basic[0] !== clientId || basic[1] !== clientSecret)
      return send(res, 401, { error: "incorrect_client_credentials" });
    const grant = form.code ? codes.get(form.code) : undefined;
    if (!grant || !form.code) return send(res, 400, { error: "bad_verification_code" });
    codes.delete(form.code);
    const token = `gho_${randomBytes(16).toString("hex")}`;
    tokens.set(token, grant.login);
    return send(res, 200, {
      access_token: token,
      token_type: "bearer",
      scope: "read:user,user:email",
    });
  }
  if (
    req.method === "GET" &&
    (url.pathname === "/api/user" || url.pathname === "/api/user/emails")
  ) {
    const login = bearer(req);
    if (!login) return send(res, 401, { message: "Bad credentials" });
    const { emails, ...user } = userFor(login);
    return send(res, 200, url.pathname.endsWith("emails") ? emails : user);
  }
  if (req.method === "GET" && url.pathname === "/api/meta/public_keys/secret_scanning") {
    const key = scanning.publicKey.export({ type: "spki", format: "pem" }).toString();
    return send(res, 200, {
      public_keys: [{ key_identifier: scanningKeyId, key, is_current: true }],
    });
  }
  if (req.method === "POST" && url.pathname === "/test/secret-scanning/report") {
    const { target, matches } = (await body(req)) as unknown as {
      target: string;
      matches: unknown[];
    };
    const payload = JSON.stringify(matches);
    const signature = sign("sha256", Buffer.from(payload), {
      key: scanning.privateKey,
      dsaEncoding: "der",
    }).toString("base64");
    const answer = await fetch(target, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "Github-Public-Key-Identifier": scanningKeyId,
        "Github-Public-Key-Signature": signature,
      },
      body: payload,
    });
    return send(res, 200, { status: answer.status, body: await answer.text() });
  }
  if (url.pathname === "/health") return send(res, 200, { ok: true });
  return send(res, 404, { message: "Not Found" });
});

server.listen(port, "127.0.0.1", () => console.log(`fake GitHub on http://127.0.0.1:${port}`));
