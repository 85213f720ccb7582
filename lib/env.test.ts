import { describe, expect, it } from "vitest";
import {
  assertDevLoginAllowed,
  authSecret,
  devLoginEnabled,
  githubOAuthEnv,
  isLocalUrl,
  parseEnv,
} from "@/lib/env";

const base = { DATABASE_URL: "postgresql://u@127.0.0.1/db" };

describe("environment", () => {
  it("names each missing or invalid variable", () => {
    expect(() => parseEnv({})).toThrow(/DATABASE_URL: DATABASE_URL is not set/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/postgresql:\/\/ URL/);
    expect(() => parseEnv({ ...base, APP_URL: "not a url" })).toThrow(/APP_URL/);
  });

  it("recognises only loopback URLs as local", () => {
    expect(isLocalUrl("http://localhost:3000")).toBe(true);
    expect(isLocalUrl("http://127.0.0.1:3900")).toBe(true);
    expect(isLocalUrl("https://signaldiff.example.com")).toBe(false);
    expect(isLocalUrl("http://localhost.evil.com")).toBe(false);
    expect(isLocalUrl("garbage")).toBe(false);
  });

  it("refuses the development sign-in on a public URL", () => {
    const e = parseEnv({ ...base, AUTH_DEV_LOGIN: "1", APP_URL: "https://signaldiff.example.com" });
    expect(() => assertDevLoginAllowed(e)).toThrow(/only runs on localhost/);
    expect(() => devLoginEnabled(e)).toThrow();
    expect(devLoginEnabled(parseEnv({ ...base, AUTH_DEV_LOGIN: "1" }))).toBe(true);
    expect(devLoginEnabled(parseEnv(base))).toBe(false);
  });

  it("requires AUTH_SECRET in a public production deployment", () => {
    const prod = parseEnv({
      ...base,
      NODE_ENV: "production",
      APP_URL: "https://signaldiff.example.com",
    });
    expect(() => authSecret(prod)).toThrow(/AUTH_SECRET must be set/);
    expect(authSecret({ ...prod, AUTH_SECRET: "s3cret" })).toBe("s3cret");
  });

  it("treats GitHub OAuth as optional and honours test endpoints only on local URLs", () => {
    expect(githubOAuthEnv(parseEnv(base))).toBeNull();
    const withApp = {
      ...base,
      AUTH_GITHUB_ID: "id",
      AUTH_GITHUB_SECRET: "sec",
      TEST_GITHUB_OAUTH_URL: "http://127.0.0.1:3901",
    };
    expect(githubOAuthEnv(parseEnv(withApp))?.oauthUrl).toBe("http://127.0.0.1:3901");
    const prod = githubOAuthEnv(
      parseEnv({ ...withApp, APP_URL: "https://signaldiff.example.com" }),
    );
    expect(prod?.oauthUrl).toBe("https://github.com");
    expect(prod?.apiUrl).toBe("https://api.github.com");
  });
});
