// The one client-address rule, used by rate limits and the audit log.
import { describe, expect, it } from "vitest";
import { clientIp, CLIENT_IP_HEADER } from "./request-meta";

function h(values: Record<string, string>) {
  return new Headers(values);
}

describe("clientIp", () => {
  it("is the socket address the server passes when no proxy is trusted, whatever X-Forwarded-For says", () => {
    const headers = h({ [CLIENT_IP_HEADER]: "198.51.100.7", "x-forwarded-for": "1.2.3.4" });
    expect(clientIp(headers, 0)).toBe("198.51.100.7");
    expect(clientIp(h({ [CLIENT_IP_HEADER]: "::ffff:10.0.0.9" }), 0)).toBe("10.0.0.9");
  });

  it("counts trusted hops from the right, never trusting entries the client wrote", () => {
    const headers = h({
      [CLIENT_IP_HEADER]: "10.0.0.2", // the last proxy
      "x-forwarded-for": "6.6.6.6, 203.0.113.5, 10.0.0.1",
    });
    expect(clientIp(headers, 1)).toBe("10.0.0.1");
    expect(clientIp(headers, 2)).toBe("203.0.113.5");
    // More hops configured than present: the earliest entry, not something beyond it.
    expect(
      clientIp(h({ [CLIENT_IP_HEADER]: "10.0.0.2", "x-forwarded-for": "203.0.113.5" }), 5),
    ).toBe("203.0.113.5");
  });

  it("ignores garbage and falls back to Next's X-Forwarded-For without the server's header", () => {
    expect(clientIp(h({ [CLIENT_IP_HEADER]: "not-an-ip" }), 0)).toBeNull();
    expect(clientIp(h({ [CLIENT_IP_HEADER]: "10.0.0.2", "x-forwarded-for": "junk" }), 1)).toBe(
      "10.0.0.2",
    );
    expect(clientIp(h({ "x-forwarded-for": "127.0.0.1" }), 0)).toBe("127.0.0.1");
    expect(clientIp(h({}), 0)).toBeNull();
  });
});
