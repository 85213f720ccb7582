// Who is calling, for pages and server actions.
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { authOptions } from "@/lib/auth/options";

export type SessionUser = {
  id: string;
  email: string | null;
  name: string | null;
  image: string | null;
};

/**
 * The signed-in user. The session callbacks (lib/auth/options.ts) re-read the user from the
 * database on every call and refuse a token whose session ended (signed out on this device, or
 * on all devices) or whose user was deleted, so a copied cookie is worth nothing after sign-out.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  // Per-request by nature: never prerender a page at build time from a session.
  await connection();
  const user = (await getServerSession(authOptions()))?.user;
  if (!user?.id) return null;
  return {
    id: user.id,
    email: user.email ?? null,
    name: user.name ?? null,
    image: user.image ?? null,
  };
}

export async function requireUser(callbackPath = "/dashboard"): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return user;
}
