// npm run build:server — compiles the production web server (server/main.ts → dist/server.mjs)
// and the worker (worker/main.ts → dist/worker.mjs) with esbuild: plain ES modules for `node`, no
// TypeScript loader at run time. (The agent program is the committed bundle
// bin/signaldiff-agent.mjs, built by `npm run build:cli`.)
// Packages stay in node_modules (imported at run time), except in dist/server.mjs: there Hono and
// @hono/zod-openapi are bundled so that `Response` inside the machine app means
// @hono/node-server's lightweight Response (server/lightweight-response.ts, injected into that
// bundle only), without touching the globals Next.js shares in that process.
import path from "node:path";
import { build, type BuildOptions, type Plugin } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "..");

const COMMON: BuildOptions = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  alias: { "@": ROOT },
  logLevel: "warning",
};

/** Every package external (resolved from node_modules at run time) except those `bundled`. */
function packagesExternalExcept(bundled: RegExp): Plugin {
  return {
    name: "packages-external-except",
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith("@/") || bundled.test(args.path)) return undefined;
        return { path: args.path, external: true };
      });
    },
  };
}

// Hono and the packages built on it: every `new Response` of the machine app is in them.
// (@hono/node-server stays external: server/main.ts and the injected module share its one copy.)
const HONO = /^(hono|@hono\/zod-openapi|@hono\/zod-validator)(\/|$)/;

async function main() {
  await Promise.all([
    build({
      ...COMMON,
      entryPoints: ["server/main.ts"],
      outfile: "dist/server.mjs",
      plugins: [packagesExternalExcept(HONO)],
      inject: ["server/lightweight-response.ts"],
    }),
    build({
      ...COMMON,
      entryPoints: ["worker/main.ts"],
      outfile: "dist/worker.mjs",
      packages: "external",
    }),
  ]);
  console.log("wrote dist/server.mjs, dist/worker.mjs");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
