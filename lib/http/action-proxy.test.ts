// The proxy in front of server actions (proxy.ts): bodies that are not React's reply encoding —
// the fuzz report's multipart uploads with `../` file names — get a 400 JSON error instead of
// reaching Next's decoder (which answered 500 "Connection closed"); real action calls pass.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";

const ACTION = "7f50fed07a567c3a2d0b04ec9f6a6ac96b02d3d643";

function actionRequest(body: BodyInit, headers: Record<string, string> = {}) {
  return new NextRequest("http://localhost/pricing", {
    method: "POST",
    headers: { "next-action": ACTION, ...headers },
    body,
  });
}

function form(entries: Array<[string, string | File]>) {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

const passes = (res: Response) => res.headers.get("x-middleware-next") === "1";

describe("server action body check", () => {
  it.each([
    ["a file named ../../a", form([["x", new File(["host"], "../../a")]])],
    ["a field named ../../a", form([["../../a", "hello"]])],
    ["a root that is not JSON", form([["0", "garbage"]])],
  ])("refuses multipart with %s (400 JSON)", async (_name, body) => {
    const res = await proxy(actionRequest(body));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_request" } });
  });

  it("refuses a text body that is not a JSON argument list", async () => {
    const res = await proxy(actionRequest("garbage", { "content-type": "text/plain" }));
    expect(res.status).toBe(400);
  });

  it("lets real action calls through (multipart with a root, JSON text)", async () => {
    const upload = form([
      ["0", '["$K1"]'],
      ["1_x", new File(["host"], "../../a")],
    ]);
    expect(passes(await proxy(actionRequest(upload)))).toBe(true);
    expect(passes(await proxy(actionRequest("[]", { "content-type": "text/plain" })))).toBe(true);
  });

  it("runs only for requests that carry a Next-Action header", () => {
    expect(config.matcher[0]?.has).toEqual([{ type: "header", key: "next-action" }]);
  });
});
