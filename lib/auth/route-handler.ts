// The next-auth route handler (app/api/auth/[...nextauth]/route.ts delegates here).
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { authOptions } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth answers a callbackUrl query parameter it cannot parse as an http(s) URL ("abc") with
 * a 500 "server configuration" error before any callback runs. Replace the parameter with the
 * same-origin path it safely names (else the default) before next-auth sees it; the body's
 * callbackUrl and the callback cookie go through the redirect callback (lib/auth/options.ts).
 */
export async function withSafeCallbackUrl(req: NextRequest): Promise<NextRequest> {
  const raw = req.nextUrl.searchParams.get("callbackUrl");
  if (raw === null) return req;
  const safe = safeCallbackPath(raw);
  if (safe === raw) return req;
  const url = req.nextUrl.clone();
  url.searchParams.set("callbackUrl", safe);
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : await req.arrayBuffer();
  return new NextRequest(url, { method: req.method, headers: req.headers, body });
}

export async function authRouteHandler(req: NextRequest, ctx: Context): Promise<Response> {
  return NextAuth(await withSafeCallbackUrl(req), ctx, authOptions());
}
