// Helpers for tests of the machine APIs: a paid team with a real CI key, bearer tokens from real
// API clients, and calling a route handler with a Request the way Next.js does (the handler
// delegates to the one machine app, which reads the path parameters from the URL).
import { NextRequest } from "next/server";
import { createApiClient } from "@/lib/credentials/api-clients/manage-clients";
import type { Scope } from "@/lib/credentials/api-clients/scopes";
import { createKeyForSubscription } from "@/lib/credentials/ci-keys/create-key";
import { issueAccessToken } from "@/lib/credentials/oauth/tokens";
import { makeSite, makeSubscription, makeTeam } from "@/test/fixtures";

export async function teamWithKey(
  name = "Team",
  subscription: Parameters<typeof makeSubscription>[1] = {},
) {
  const { owner, team } = await makeTeam(name);
  const sub = await makeSubscription(team.id, subscription);
  const key = await createKeyForSubscription(team.id, sub.id, { userId: owner.id, label: "owner" });
  if (!key.created) throw new Error("key was not created");
  const site = await makeSite(team.id, { name: `${name} site` });
  return { owner, team, subscription: sub, keyId: key.keyId, secret: key.secret, site };
}

export async function bearerFor(teamId: string, scopes: Scope[], now = new Date()) {
  const client = await createApiClient({
    teamId,
    label: `test-${scopes.join("-")}`,
    scopes,
    expiresAt: null,
    actor: { label: "test" },
  });
  const issued = await issueAccessToken(
    {
      id: client.id,
      teamId,
      clientId: client.clientId,
      label: client.label,
      scopes: client.scopes,
      expiresAt: null,
    },
    scopes,
    now,
  );
  return { token: issued.access_token, clientId: client.clientId };
}

/** A route file's export (they all delegate to lib/machine-api/app.ts) or the app's fetch. */
type Handler<P> = (req: NextRequest, ctx: { params: Promise<P> }) => Response | Promise<Response>;

export type CallOptions = {
  headers?: Record<string, string>;
  /** A value is sent as JSON; a string is sent as is. */
  body?: unknown;
  params?: Record<string, string>;
};

export async function call<P>(
  handler: Handler<P>,
  method: string,
  url: string,
  { headers = {}, body, params = {} }: CallOptions = {},
) {
  const h: Record<string, string> = { ...headers };
  let payload: string | undefined;
  if (body !== undefined) {
    payload = typeof body === "string" ? body : JSON.stringify(body);
    h["content-type"] ??= "application/json";
  }
  const req = new NextRequest(new URL(url, "http://localhost"), {
    method,
    headers: h,
    body: payload,
  });
  return handler(req, { params: Promise.resolve(params as P) });
}

/** Status, body text and headers (without Date), for comparing whole answers. */
export async function snapshot(res: Response) {
  const headers = [...res.headers.entries()].filter(([k]) => k !== "date");
  return { status: res.status, body: await res.text(), headers };
}
