// next-auth configuration: GitHub sign-in (when an OAuth app is configured) and the development
// sign-in (only with AUTH_DEV_LOGIN=1 on a local URL). Built lazily, so `next build` needs no env.
import type { NextAuthOptions } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import CredentialsProvider from "next-auth/providers/credentials";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { z } from "zod";
import { db } from "@/lib/db";
import { authSecret, devLoginEnabled, env, githubOAuthEnv } from "@/lib/env";
import { safeRedirectUrl } from "@/lib/auth/callback-url";
import { githubProvider } from "@/lib/auth/github";
import {
  endSession,
  findLiveSessionUser,
  SESSION_MAX_AGE_SECONDS,
  SessionEndedError,
  startSession,
} from "@/lib/auth/session-tokens";
import { ensurePersonalTeam } from "@/lib/teams/create-team";
import { logger } from "@/lib/log";

const devEmail = z
  .email()
  .max(200)
  .transform((e) => e.toLowerCase());

async function devSignIn(email: string) {
  const user = await db.user.upsert({
    where: { email },
    update: {},
    create: { email, name: email.split("@")[0], emailVerified: new Date() },
  });
  return { id: user.id, email: user.email, name: user.name, image: user.image };
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const e = env();
  // next-auth v4 reads its public origin from NEXTAUTH_URL.
  process.env.NEXTAUTH_URL ??= e.APP_URL;
  const github = githubOAuthEnv();
  const providers: NextAuthOptions["providers"] = [];
  if (github) providers.push(githubProvider(github));
  if (devLoginEnabled()) {
    providers.push(
      CredentialsProvider({
        id: "dev",
        name: "Development sign-in",
        credentials: { email: { label: "Email", type: "email" } },
        async authorize(credentials) {
          const parsed = devEmail.safeParse(credentials?.email);
          return parsed.success ? devSignIn(parsed.data) : null;
        },
      }),
    );
  }
  cached = {
    // The adapter stores GitHub users and accounts; its types name @prisma/client's class, which is
    // structurally what our generated client provides.
    adapter: PrismaAdapter(db as unknown as Parameters<typeof PrismaAdapter>[0]) as Adapter,
    providers,
    secret: authSecret(),
    // JWT sessions: the Credentials provider (development sign-in) works only with them.
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    callbacks: {
      async redirect({ url, baseUrl }) {
        return safeRedirectUrl(url, baseUrl);
      },
      async jwt({ token, user }) {
        // Sign-in: a new session on this device.
        if (user) return { ...token, sub: user.id, ...(await startSession(user.id)) };
        // Every other read of a session (pages, server actions, /api/auth/session) comes through
        // here: a signed-out or deleted user's token is refused, and next-auth drops the cookie.
        const live = await findLiveSessionUser(token);
        if (!live) throw new SessionEndedError();
        return { ...token, name: live.name, email: live.email, picture: live.image };
      },
      async session({ session, token }) {
        if (!token.sub) return session;
        return {
          ...session,
          user: {
            id: token.sub,
            name: token.name ?? null,
            email: token.email ?? null,
            image: token.picture ?? null,
          },
        };
      },
    },
    events: {
      // This device's "Sign out": its token stays signed, so its session id is revoked.
      async signOut({ token }) {
        await endSession(token);
      },
      async signIn({ user, profile, account }) {
        if (account?.provider === "github" && profile && "login" in profile) {
          await db.user.update({
            where: { id: user.id },
            data: { githubLogin: String(profile.login) },
          });
        }
        await ensurePersonalTeam(user);
        logger.info({ userId: user.id, provider: account?.provider }, "signed in");
      },
    },
    logger: {
      error: (code, metadata) => {
        // A signed-out cookie presented again is expected traffic, not a server error.
        if (metadata instanceof SessionEndedError) logger.info({ code }, "ended session refused");
        else logger.error({ code, metadata }, "next-auth error");
      },
      warn: (code) => logger.warn({ code }, "next-auth warning"),
      debug: () => {},
    },
  };
  return cached;
}
