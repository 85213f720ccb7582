// The production server's refusals before routing: unsupported methods and malformed URLs on any
// path (pages too) are a 400 JSON answer instead of Next's 500; ordinary requests pass.
import { describe, expect, it } from "vitest";
import { clientErrorAnswer, preRouteRefusal } from "./pre-route";

describe("preRouteRefusal", () => {
  it("refuses TRACE, TRACK, CONNECT and unknown methods with 400 JSON", () => {
    for (const method of ["TRACE", "TRACK", "CONNECT", "PROPFIND"]) {
      const refused = preRouteRefusal(method, "/sign-in");
      expect(refused?.status, method).toBe(400);
      expect(JSON.parse(refused?.body ?? "{}").error.code).toBe("invalid_request");
    }
  });

  it("refuses malformed percent-encoding and NUL on page and machine paths", () => {
    for (const url of [
      "/sites/%ZZ",
      "/invite/%",
      "/teams/%",
      "/runs/a%00b",
      "/api/v1/sites/%E0%A4%A",
    ]) {
      expect(preRouteRefusal("GET", url)?.status, url).toBe(400);
    }
  });

  it("lets ordinary requests through, query strings included", () => {
    for (const url of [
      "/",
      "/sites/abc",
      "/invite/tok_123?x=%ZZ",
      "/api/v1/runs?limit=1",
      "/caf%C3%A9",
    ]) {
      expect(preRouteRefusal("GET", url), url).toBeNull();
    }
    expect(preRouteRefusal("POST", "/api/trigger/ci")).toBeNull();
  });
});

describe("clientErrorAnswer", () => {
  it("answers what Node's parser refuses (TRACK, FOO) with the API's JSON 400", () => {
    const answer = clientErrorAnswer("HPE_INVALID_METHOD");
    const [head, body] = answer.split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(head).toContain(`content-length: ${Buffer.byteLength(body ?? "")}`);
    expect(JSON.parse(body ?? "")).toMatchObject({ error: { code: "invalid_request" } });
    expect(clientErrorAnswer("HPE_HEADER_OVERFLOW")).toMatch(/^HTTP\/1\.1 431 /);
  });
});
