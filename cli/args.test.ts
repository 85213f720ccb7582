// The command line without a server: flags, durations, the origin fix-up and the key rules.
import { describe, expect, it } from "vitest";
import { parseCommand } from "./args";
import { resolveKey, resolveOrigin } from "./connection";
import { parseDuration } from "./duration";
import { CliError } from "./exit-codes";

function usage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(5);
    return (error as CliError).message;
  }
  throw new Error("expected a usage error");
}

describe("parseCommand", () => {
  it("parses trigger with every flag", () => {
    expect(
      parseCommand([
        "trigger",
        "--site",
        "s1",
        "--commit",
        "abc1234",
        "--branch",
        "main",
        "--execution-mode",
        "agent",
        "--pool",
        "p1",
        "--wait",
        "--timeout",
        "90s",
        "--fail-on-changes",
        "--json",
        "--base-url",
        "https://x.example",
        "--key-stdin",
      ]),
    ).toEqual({
      kind: "trigger",
      common: { baseUrl: "https://x.example", keyStdin: true, json: true },
      siteId: "s1",
      commit: "abc1234",
      branch: "main",
      repository: undefined,
      runUrl: undefined,
      executionMode: "agent",
      poolId: "p1",
      wait: true,
      timeoutMs: 90_000,
      failOnChanges: true,
    });
    expect(parseCommand(["trigger", "--site=s1"])).toMatchObject({ timeoutMs: 15 * 60_000 });
  });

  it("parses runs and sites commands", () => {
    expect(parseCommand(["runs", "show", "r1"])).toMatchObject({ kind: "runs-show", runId: "r1" });
    expect(parseCommand(["runs", "cancel", "r1", "--json"])).toMatchObject({
      kind: "runs-cancel",
      common: { json: true },
    });
    expect(parseCommand(["runs", "list", "--status", "failed", "--limit", "5"])).toMatchObject({
      kind: "runs-list",
      status: "failed",
      limit: "5",
    });
    expect(parseCommand(["sites", "list", "--cursor", "c"])).toMatchObject({
      kind: "sites-list",
      cursor: "c",
    });
    expect(parseCommand([])).toMatchObject({ kind: "help" });
    expect(parseCommand(["trigger", "--help"])).toMatchObject({ kind: "help" });
    expect(parseCommand(["--version"])).toEqual({ kind: "version" });
  });

  it("refuses bad usage with a message saying what to do (exit 5)", () => {
    expect(usage(() => parseCommand(["trigger"]))).toContain("--site <id> is required");
    expect(usage(() => parseCommand(["trigger", "--site", "s", "--key", "sck_x"]))).toContain(
      "There is no --key flag",
    );
    expect(usage(() => parseCommand(["trigger", "--site", "s", "--key=sck_x"]))).not.toContain(
      "sck_x",
    );
    expect(usage(() => parseCommand(["trigger", "--site", "s", "--bogus"]))).toContain("--bogus");
    expect(usage(() => parseCommand(["trigger", "--site", "s", "--execution-mode", "edge"]))).toBe(
      '--execution-mode must be "cloud" or "agent" (got "edge").',
    );
    expect(usage(() => parseCommand(["trigger", "--site", "s", "--pool", "p"]))).toContain(
      "--pool <id> goes with --execution-mode agent",
    );
    expect(usage(() => parseCommand(["trigger", "--site", "s", "--fail-on-changes"]))).toContain(
      "needs --wait",
    );
    expect(usage(() => parseCommand(["runs", "show"]))).toContain("takes <run-id>");
    expect(usage(() => parseCommand(["runs", "delete", "x"]))).toContain(
      'Unknown command "runs delete"',
    );
    expect(usage(() => parseCommand(["deploy"]))).toContain('Unknown command "deploy"');
  });
});

describe("parseDuration", () => {
  it("reads units and plain seconds, and refuses nonsense", () => {
    expect(parseDuration("15m", "--timeout")).toBe(900_000);
    expect(parseDuration("1h30m", "--timeout")).toBe(5_400_000);
    expect(parseDuration("500ms", "--timeout")).toBe(500);
    expect(parseDuration("600", "--timeout")).toBe(600_000);
    expect(usage(() => parseDuration("soon", "--timeout"))).toContain("is not a duration");
    expect(usage(() => parseDuration("0s", "--timeout"))).toContain("longer than zero");
    expect(usage(() => parseDuration("25h", "--timeout"))).toContain("at most 24h");
  });
});

describe("resolveOrigin and resolveKey", () => {
  it("uses the origin as given, and fixes up a trailing /api with a notice", () => {
    expect(resolveOrigin(undefined, { SIGNALDIFF_API_BASE_URL: "https://sd.example/" })).toEqual({
      origin: "https://sd.example",
      notice: null,
    });
    expect(resolveOrigin("https://sd.example/api", {})).toEqual({
      origin: "https://sd.example",
      notice: "--base-url ends in /api; using https://sd.example (the origin, without /api).",
    });
    expect(
      resolveOrigin(undefined, { SIGNALDIFF_API_BASE_URL: "https://sd.example/tools/api/" }),
    ).toMatchObject({ origin: "https://sd.example/tools" });
    expect(usage(() => resolveOrigin(undefined, {}))).toContain("Set SIGNALDIFF_API_BASE_URL");
    expect(usage(() => resolveOrigin("sd.example", {}))).toContain("is not a URL");
    expect(usage(() => resolveOrigin("ftp://sd.example", {}))).toContain("https://");
    expect(usage(() => resolveOrigin("https://u:p@sd.example", {}))).toContain("user name");
  });

  it("takes the key from stdin or the environment, never echoing a bad one", () => {
    expect(resolveKey(null, { SIGNALDIFF_CI_API_KEY: " sck_abc \n" })).toBe("sck_abc");
    expect(resolveKey("sck_def\n", { SIGNALDIFF_CI_API_KEY: "sck_abc" })).toBe("sck_def");
    expect(usage(() => resolveKey(null, {}))).toContain("Set SIGNALDIFF_CI_API_KEY");
    expect(usage(() => resolveKey("\n", {}))).toContain("empty key");
    expect(usage(() => resolveKey("sck_a b", {}))).not.toContain("sck_a");
  });
});
