// Every post-sign-in / redirect target stays on our own site, whatever an attacker puts in it:
// a property test over hostile inputs (tabs, CR/LF, backslashes, "//", encoded and Unicode
// look-alikes), plus next-auth's own handler fed a callback URL that used to crash it.
import fc from "fast-check";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { authOptions } from "@/lib/auth/options";
import { withSafeCallbackUrl } from "@/lib/auth/route-handler";
import { AuthHandler } from "@/test/next-auth-core";

const ORIGIN = "https://app.example";
// Seeded and bounded; fast-check prints the seed and the counterexample on failure.
const FC = { seed: Number(process.env.FC_SEED ?? 20261201), numRuns: 3000 };

const PIECES = [
  "/",
  "//",
  "\\",
  "\t",
  "\n",
  "\r",
  " ",
  "\u0000",
  "\u001f",
  "\u007f",
  "%2F",
  "%2f",
  "%5C",
  "%09",
  "%0A",
  "%0D",
  "%00",
  "%252F",
  "%",
  ".",
  "..",
  "./",
  "../",
  "@",
  ":",
  "?",
  "#",
  ";",
  "evil.example",
  "localhost",
  "127.0.0.1",
  "[::1]",
  "http:",
  "https:",
  "javascript:",
  "data:",
  "HTTPS://",
  "\u3002",
  "\uFF0F",
  "\uFF3C",
  "\u2215",
  "\u200b",
  "\u2028",
  "a",
  "dashboard",
];
const hostile = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join("")),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.webPath().map((p) => `/${p}`),
);

function tryDecode(value: string) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** What a browser does with a Location header: resolve it against the page it is on. */
function landsOn(location: string, page = `${ORIGIN}/sign-in?x=1`) {
  return new URL(location, page).origin;
}

describe("safeCallbackPath", () => {
  it("keeps ordinary paths, with their query and fragment", () => {
    expect(safeCallbackPath("/settings/members?tab=a#b")).toBe("/settings/members?tab=a#b");
    expect(safeCallbackPath("/invite/abc_DEF-123")).toBe("/invite/abc_DEF-123");
  });

  it("refuses the reported and classic bypasses", () => {
    for (const bad of [
      "/\t/evil.example/phish",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "\t//evil.example",
      " //evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "//evil.example",
      "/.//evil.example",
      "/%2F/evil.example",
      "/%5Cevil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "abc",
    ]) {
      const out = safeCallbackPath(bad);
      expect(landsOn(out), JSON.stringify(bad)).toBe(ORIGIN);
      expect(out, JSON.stringify(bad)).not.toMatch(/evil|javascript/);
    }
  });

  it("always returns a same-origin path, whatever the input (property)", () => {
    fc.assert(
      fc.property(hostile, (input) => {
        const out = safeCallbackPath(input);
        expect(out.startsWith("/")).toBe(true);
        expect(out).not.toMatch(/^\/[/\\]/);
        // No whitespace or control characters a browser would strip before parsing.
        expect(out).not.toMatch(/[\u0000-\u0020\u007f\\]/);
        expect(landsOn(out)).toBe(ORIGIN);
        expect(landsOn(out, `${ORIGIN}/a/b/c`)).toBe(ORIGIN);
        // Decoded once more (as a careless proxy might), it still names no other host.
        expect(landsOn(tryDecode(out))).toBe(ORIGIN);
        // Stable: feeding the result back gives the same result.
        expect(safeCallbackPath(out)).toBe(out);
      }),
      FC,
    );
  });
});

describe("next-auth redirect callback", () => {
  const redirect = async (url: string) => {
    const cb = authOptions().callbacks?.redirect;
    if (!cb) throw new Error("no redirect callback");
    return cb({ url, baseUrl: ORIGIN });
  };

  it("never leaves our origin and never throws (property)", async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (input) => {
        const out = await redirect(input);
        expect(new URL(out).origin).toBe(ORIGIN);
        expect(landsOn(out)).toBe(ORIGIN);
      }),
      FC,
    );
  });

  it("keeps a same-origin absolute URL's path", async () => {
    expect(await redirect(`${ORIGIN}/runs?x=1`)).toBe(`${ORIGIN}/runs?x=1`);
    expect(await redirect("/sites")).toBe(`${ORIGIN}/sites`);
  });

  it("POST /api/auth/signin?callbackUrl=abc answers without a server error", async () => {
    const app = new URL(process.env.APP_URL ?? "").origin; // next-auth's origin (global setup)
    for (const callbackUrl of ["abc", "/\t/evil.example", "http://[", "%", "//evil.example"]) {
      const incoming = new NextRequest(
        `${app}/api/auth/signin/dev?callbackUrl=${encodeURIComponent(callbackUrl)}`,
        {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "csrfToken=forged&email=a%40example.com",
        },
      );
      const req = await withSafeCallbackUrl(incoming);
      // The body survives the rewrite.
      expect(Object.fromEntries(await req.clone().formData())).toMatchObject({
        csrfToken: "forged",
      });
      const res = await AuthHandler({
        req: {
          action: "signin",
          providerId: "dev",
          method: "POST",
          query: Object.fromEntries(req.nextUrl.searchParams),
          body: Object.fromEntries(await req.formData()),
          cookies: {},
          headers: Object.fromEntries(req.headers),
        },
        options: authOptions(),
      });
      expect(res.status ?? 200, callbackUrl).toBeLessThan(500);
      if (res.redirect) expect(new URL(res.redirect, app).origin, callbackUrl).toBe(app);
    }
  });
});
