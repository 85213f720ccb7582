import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: string };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** This sign-in's session id (see lib/auth/session-tokens.ts). */
    sid?: string;
    /** The user's session version when the token was issued. */
    sv?: number;
  }
}
