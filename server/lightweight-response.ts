// Injected into dist/server.mjs only (scripts/build-server.ts, esbuild `inject`): inside that
// bundle — the machine app, Hono (bundled there for this), lib/ and server/ — the identifier
// `Response` means @hono/node-server's lightweight Response instead of the global one. Next.js,
// its route files and every package outside the bundle keep the global Response untouched.
//
// Why: Hono answers every request with `new Response(body, init)`. A WHATWG Response builds a
// body ReadableStream that @hono/node-server then reads back chunk by chunk; its lightweight
// Response keeps the string body and headers as they were given, and @hono/node-server writes
// them to the socket directly (its cached-response fast path). That is the setup
// @hono/node-server uses by default (`overrideGlobalObjects: true`), but by replacing the
// process's globals — which Next.js shares here — so server/main.ts keeps it off and this module
// takes the class without keeping it global. Measured: about a fifth of the machine app's CPU
// per request (README → One machine app, one compiled server).
//
// @hono/node-server exports the class only through that option, so it is read from there: the
// globals it installs are put back as they were at once, synchronously, before any other code
// (and before Next.js is even loaded). Its lightweight Response extends the global one and
// `instanceof Response` holds for both kinds.
import { getRequestListener } from "@hono/node-server";

const GLOBALS = ["Request", "Response"] as const;

function lightweightResponseClass(): typeof globalThis.Response {
  const saved = GLOBALS.map((name) => Object.getOwnPropertyDescriptor(globalThis, name));
  const original = globalThis.Response;
  try {
    getRequestListener(() => new original(null), { overrideGlobalObjects: true });
    const lightweight = globalThis.Response;
    if (lightweight === original || !(lightweight.prototype instanceof original)) {
      throw new Error("@hono/node-server no longer installs a lightweight Response");
    }
    return lightweight;
  } finally {
    GLOBALS.forEach((name, i) => {
      const descriptor = saved[i];
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else Reflect.deleteProperty(globalThis, name);
    });
  }
}

const LightweightResponse = lightweightResponseClass();

export { LightweightResponse as Response };
