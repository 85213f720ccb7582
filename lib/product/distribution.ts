// Where this deployment publishes its GitHub Action and single-file CLI: one GitHub repository
// (`owner/name`) holding this code, tagged `v1` (README, "CLI and GitHub Action" → Publishing).
// Every docs sample that names them reads them from here. A deployment sets the repository with
// NEXT_PUBLIC_SIGNALDIFF_GITHUB_REPOSITORY at build time (the docs pages are prerendered); unset,
// the samples show the placeholder `your-org/signal-diff`. No database or server settings are
// read, so client and static code can import this.

const DEFAULT_REPOSITORY = "your-org/signal-diff";
const REPOSITORY_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

/** The repository setting, checked: a wrong value fails the build instead of printing bad docs. */
export function githubRepository(value: string | undefined): string {
  const v = value?.trim();
  if (!v) return DEFAULT_REPOSITORY;
  if (!REPOSITORY_PATTERN.test(v) || v.endsWith(".git")) {
    throw new Error(
      `NEXT_PUBLIC_SIGNALDIFF_GITHUB_REPOSITORY must be a GitHub owner/name such as acme/signal-diff (got "${v}").`,
    );
  }
  return v;
}

/** The repository, `owner/name`. NEXT_PUBLIC_ and read as one literal, so Next inlines it. */
export const GITHUB_REPOSITORY = githubRepository(
  process.env.NEXT_PUBLIC_SIGNALDIFF_GITHUB_REPOSITORY,
);
/** The release tag workflows pin (a moving major tag, like actions/checkout@v4). */
export const RELEASE_TAG = "v1";
/** `uses:` of the GitHub Action (github-action/action.yml in the repository). */
export const ACTION_USES = `${GITHUB_REPOSITORY}/github-action@${RELEASE_TAG}`;
/** The committed CLI bundle at the release tag, for pipelines that download one file. */
export const CLI_FILE_URL = `https://raw.githubusercontent.com/${GITHUB_REPOSITORY}/${RELEASE_TAG}/cli/signaldiff.mjs`;
/** The repository's clone URL, and the directory `git clone` makes of it. */
export const REPOSITORY_URL = `https://github.com/${GITHUB_REPOSITORY}`;
export const REPOSITORY_NAME = GITHUB_REPOSITORY.slice(GITHUB_REPOSITORY.indexOf("/") + 1);
