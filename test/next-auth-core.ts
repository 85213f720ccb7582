// Drives next-auth's real request core (sign-in, session, sign-out) with our authOptions, without
// a Next.js request scope. next-auth does not export that core, so it is loaded by file path; the
// route handler (lib/auth/route-handler.ts) calls the same function with the same fields.
import { createRequire } from "node:module";
import path from "node:path";
import type { NextAuthOptions } from "next-auth";
import { authOptions } from "@/lib/auth/options";

type InternalResponse = {
  status?: number;
  body?: unknown;
  redirect?: string;
  cookies?: { name: string; value: string }[];
};
type AuthHandlerFn = (params: {
  req: Record<string, unknown>;
  options: NextAuthOptions;
}) => Promise<InternalResponse>;

const require = createRequire(import.meta.url);
export const { AuthHandler } = require(
  path.join(path.dirname(require.resolve("next-auth")), "core/index.js"),
) as { AuthHandler: AuthHandlerFn };

export type Jar = Record<string, string>;
export const SESSION_COOKIE = "next-auth.session-token"; // APP_URL is http in tests: no prefix

/** One request to /api/auth/<action>[/<providerId>]; cookies it sets are merged into `jar`. */
export async function authRequest(
  action: string,
  jar: Jar,
  init: { method?: string; providerId?: string; body?: Record<string, string> } = {},
) {
  const res = await AuthHandler({
    req: {
      action,
      providerId: init.providerId,
      method: init.method ?? "GET",
      query: {},
      body: init.body ?? {},
      cookies: { ...jar },
      headers: { "content-type": "application/x-www-form-urlencoded" },
    },
    options: authOptions(),
  });
  for (const c of res.cookies ?? []) {
    if (c.value) jar[c.name] = c.value;
    else delete jar[c.name];
  }
  return res;
}

async function csrf(jar: Jar) {
  const res = await authRequest("csrf", jar);
  return (res.body as { csrfToken: string }).csrfToken;
}

/** Signs in with the development sign-in (needs AUTH_DEV_LOGIN=1); returns the cookie jar. */
export async function devSignIn(email: string): Promise<Jar> {
  const jar: Jar = {};
  const csrfToken = await csrf(jar);
  await authRequest("callback", jar, {
    method: "POST",
    providerId: "dev",
    body: { email, csrfToken },
  });
  if (!jar[SESSION_COOKIE]) throw new Error("dev sign-in set no session cookie");
  return jar;
}

/** The session /api/auth/session answers for these cookies ({} when signed out). */
export async function sessionOf(jar: Jar) {
  return (await authRequest("session", { ...jar })).body as { user?: { id: string } };
}

/** "Sign out" as the browser does it: POST /api/auth/signout with the CSRF token. */
export async function signOut(jar: Jar) {
  const csrfToken = await csrf(jar);
  await authRequest("signout", jar, { method: "POST", body: { csrfToken } });
}
