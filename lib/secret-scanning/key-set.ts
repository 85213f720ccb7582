// This process's copy of GitHub's secret-scanning keys, fetched from the configured URL.
import { env } from "@/lib/env";
import { createGitHubKeySet, type GitHubKeySet } from "./github-keys";

let keySet: GitHubKeySet | null = null;

export function githubKeySet(): GitHubKeySet {
  keySet ??= createGitHubKeySet({ url: env().GITHUB_SECRET_SCANNING_KEYS_URL });
  return keySet;
}
