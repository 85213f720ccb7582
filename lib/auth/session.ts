// Who is calling, for pages and server actions.
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db";

export type SessionUser = {
  id: string;
  email: string | null;
  name: string | null;
  image: string | null;
};

/** The signed-in user, re-read from the database (a deleted user's token is worth nothing). */
export async function getSessionUser(): Promise<SessionUser | null> {
  // Per-request by nature: never prerender a page at build time from a session.
  await connection();
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  return db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, image: true },
  });
}

export async function requireUser(callbackPath = "/dashboard"): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return user;
}
