#!/usr/bin/env node
// signaldiff-agent: runs the agent program from a checkout (through tsx, no build step) or from
// the compiled bundle (dist/agent.mjs, written by `npm run build`) when the sources are absent.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("../", import.meta.url);
const source = new URL("agent/main.ts", root);
const bundle = new URL("dist/agent.mjs", root);

if (existsSync(fileURLToPath(source))) {
  // tsx compiles the TypeScript sources on the fly (ESM and CommonJS), with the tsconfig's paths.
  const tsconfig = fileURLToPath(new URL("tsconfig.json", root));
  const { register: registerCjs } = await import("tsx/cjs/api");
  const { register } = await import("tsx/esm/api");
  registerCjs({ tsconfig });
  register({ tsconfig });
  await import(source.href);
} else if (existsSync(fileURLToPath(bundle))) {
  await import(bundle.href);
} else {
  process.stderr.write("signaldiff-agent: neither agent/main.ts nor dist/agent.mjs is present.\n");
  process.exit(1);
}
