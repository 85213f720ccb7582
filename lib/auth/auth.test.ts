import { describe, expect, it } from "vitest";
import { pickGitHubEmail } from "@/lib/auth/github";
import { safeCallbackPath } from "@/lib/auth/callback-url";

describe("GitHub private email", () => {
  it("uses the primary verified address", () => {
    expect(
      pickGitHubEmail([
        { email: "old@example.com", primary: false, verified: true },
        { email: "main@example.com", primary: true, verified: true },
      ]),
    ).toBe("main@example.com");
  });

  it("never uses an unverified address", () => {
    expect(
      pickGitHubEmail([{ email: "x@example.com", primary: true, verified: false }]),
    ).toBeNull();
    expect(
      pickGitHubEmail([
        { email: "x@example.com", primary: true, verified: false },
        { email: "y@example.com", primary: false, verified: true },
      ]),
    ).toBe("y@example.com");
  });
});

describe("post-sign-in redirect", () => {
  it("keeps redirects on our own site", () => {
    expect(safeCallbackPath("/settings/members")).toBe("/settings/members");
    expect(safeCallbackPath("https://evil.example.com")).toBe("/dashboard");
    expect(safeCallbackPath("//evil.example.com")).toBe("/dashboard");
    expect(safeCallbackPath("/\\evil.example.com")).toBe("/dashboard");
    expect(safeCallbackPath(undefined)).toBe("/dashboard");
  });
});
