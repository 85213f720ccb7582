// The GitHub OAuth provider. Endpoint bases come from the environment so e2e tests can point them
// at a local server that speaks GitHub's protocol; in production they are github.com's.
import GitHubProvider from "next-auth/providers/github";
import type { GitHubOAuthEnv } from "@/lib/env";

type GitHubUser = {
  id: number;
  login: string;
  name: string | null;
  email: string | null;
  avatar_url: string;
};
type GitHubEmail = { email: string; primary: boolean; verified: boolean };

/** Picks the address GitHub would use: the primary verified one, else any verified one. */
export function pickGitHubEmail(emails: GitHubEmail[]): string | null {
  const verified = emails.filter((e) => e.verified);
  return (verified.find((e) => e.primary) ?? verified[0])?.email ?? null;
}

export function githubProvider(config: GitHubOAuthEnv) {
  return GitHubProvider({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: {
      url: `${config.oauthUrl}/login/oauth/authorize`,
      params: { scope: "read:user user:email" },
    },
    token: `${config.oauthUrl}/login/oauth/access_token`,
    userinfo: {
      url: `${config.apiUrl}/user`,
      // Accounts with a private email return `email: null` from /user; the address then comes
      // from /user/emails, which the user:email scope allows.
      async request({ tokens }) {
        const headers = {
          Authorization: `Bearer ${tokens.access_token}`,
          Accept: "application/vnd.github+json",
        };
        const res = await fetch(`${config.apiUrl}/user`, { headers });
        if (!res.ok) throw new Error(`GitHub /user answered ${res.status}`);
        const profile = (await res.json()) as GitHubUser;
        if (!profile.email) {
          const emails = await fetch(`${config.apiUrl}/user/emails`, { headers });
          if (emails.ok) profile.email = pickGitHubEmail((await emails.json()) as GitHubEmail[]);
        }
        return profile as unknown as Record<string, unknown>;
      },
    },
    profile(profile: GitHubUser) {
      return {
        id: String(profile.id),
        name: profile.name ?? profile.login,
        email: profile.email,
        image: profile.avatar_url,
        githubLogin: profile.login,
      };
    },
  });
}
