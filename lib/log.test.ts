import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, scrubSecrets } from "@/lib/log";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { logger: createLogger({ level: "info", destination }), lines };
}

describe("logger", () => {
  it("redacts authorization headers, cookies and secret fields", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        headers: {
          authorization: "Bearer abc.def",
          cookie: "session=xyz",
          "x-ci-api-key": "anything",
        },
        clientSecret: "hunter2",
      },
      "request",
    );
    const out = lines.join("");
    expect(out).not.toContain("abc.def");
    expect(out).not.toContain("session=xyz");
    expect(out).not.toContain("hunter2");
    expect(out).not.toContain("anything");
    expect(out).toContain("[REDACTED]");
  });

  it("masks credential-shaped strings anywhere in a line", () => {
    const { logger, lines } = capture();
    const key = "sck_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4";
    logger.info({ detail: `key was ${key}` }, `failed with ${key}`);
    logger.error({ err: new Error(`boom ${key}`) }, "oops");
    const out = lines.join("");
    expect(out).not.toContain(key);
    expect(out).toContain("sck_[REDACTED]");
  });

  it("leaves ordinary text alone", () => {
    expect(scrubSecrets("site example.com changed 3 pages")).toBe(
      "site example.com changed 3 pages",
    );
  });
});
