// The agent program's version, reported at enrollment (shown on the Customer agents page): the
// package's version in the committed bundle (bin/signaldiff-agent.mjs, defined by
// scripts/build-cli.ts), "development" when run from the TypeScript sources.
declare const SIGNALDIFF_CLI_VERSION: string | undefined;

export const AGENT_VERSION =
  typeof SIGNALDIFF_CLI_VERSION === "string" ? SIGNALDIFF_CLI_VERSION : "development";
