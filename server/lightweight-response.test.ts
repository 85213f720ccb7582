import http from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { afterAll, describe, expect, it } from "vitest";

const descriptors = () => ({
  Request: Object.getOwnPropertyDescriptor(globalThis, "Request"),
  Response: Object.getOwnPropertyDescriptor(globalThis, "Response"),
});

const before = descriptors();
const GlobalResponse = globalThis.Response;
const { Response: Lightweight } = await import("./lightweight-response");

describe("the lightweight Response injected into dist/server.mjs", () => {
  it("leaves the process's global Request and Response exactly as they were (Next.js shares them)", () => {
    expect(descriptors()).toEqual(before);
    expect(globalThis.Response).toBe(GlobalResponse);
  });

  it("is @hono/node-server's lightweight class, usable wherever a Response is expected", async () => {
    expect(Lightweight).not.toBe(GlobalResponse);
    const res = new Lightweight('{"ok":true}', {
      status: 201,
      headers: { "content-type": "application/json" },
    });
    expect(res).toBeInstanceOf(GlobalResponse);
    expect(new GlobalResponse("x")).toBeInstanceOf(Lightweight);
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ ok: true });
  });

  describe("written by @hono/node-server's listener (with the global objects left alone)", () => {
    const server = http.createServer(
      getRequestListener(
        () =>
          new Lightweight("lightweight body", {
            status: 418,
            headers: { "content-type": "text/plain", "x-answer": "42" },
          }),
        { overrideGlobalObjects: false },
      ),
    );
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it("answers with the status, headers and body given", async () => {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`);
      expect(res.status).toBe(418);
      expect(res.headers.get("x-answer")).toBe("42");
      expect(res.headers.get("content-length")).toBe(String("lightweight body".length));
      expect(await res.text()).toBe("lightweight body");
      expect(globalThis.Response).toBe(GlobalResponse);
    });
  });
});
