// Body reading and error mapping of the machine API: 415 / 413 / 400 with field errors, domain
// errors mapped to their status (with Retry-After), and unexpected errors hidden behind a 500.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { DomainError, rateLimited } from "@/lib/errors";
import { errorResponseFor } from "@/lib/http/error-response";
import { validationHook } from "@/lib/http/guards";
import { jsonBody } from "@/lib/http/json-body";

const schema = z.object({ site_id: z.string().min(1) });

function appThrowing(error: unknown) {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.post("/api/x", () => {
    throw error;
  });
  app.onError((err, c) => errorResponseFor(err, { method: c.req.method, path: c.req.path }));
  return app;
}

const echo = new OpenAPIHono({ defaultHook: validationHook });
echo.openapi(
  createRoute({
    method: "post",
    path: "/api/x",
    middleware: [jsonBody(100)] as const,
    request: { body: { required: true, content: { "application/json": { schema } } } },
    responses: { 200: { description: "echo" } },
  }),
  (c) => c.json(c.req.valid("json"), 200),
);
echo.onError((err, c) => errorResponseFor(err, { method: c.req.method, path: c.req.path }));

function post(
  body: string,
  headers: Record<string, string> = { "content-type": "application/json" },
  app: { request: OpenAPIHono["request"] } = echo,
) {
  return app.request("http://localhost/api/x", { method: "POST", body, headers });
}

describe("jsonBody and the validation hook", () => {
  it("passes a valid JSON body through", async () => {
    const res = await post(JSON.stringify({ site_id: "s1" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ site_id: "s1" });
  });

  it("answers 415 for a body that is not JSON", async () => {
    const res = await post("site_id=s1", { "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe("unsupported_media_type");
  });

  it("answers 413 past the size cap, even without Content-Length", async () => {
    const res = await post(JSON.stringify({ site_id: "x".repeat(500) }));
    expect(res.status).toBe(413);
  });

  it("answers 400 with field errors for invalid JSON or a wrong shape", async () => {
    const broken = await post("{not json");
    expect(broken.status).toBe(400);
    const wrong = await post(JSON.stringify({ site_id: "" }));
    expect(wrong.status).toBe(400);
    const body = await wrong.json();
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.fields.site_id).toHaveLength(1);
  });

  it("answers 400 for a NUL character in any body string", async () => {
    const res = await post(JSON.stringify({ site_id: "a\u0000b" }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_request");
  });
});

describe("errorResponseFor", () => {
  it("maps domain errors to their status, with Retry-After", async () => {
    const limited = await post("{}", undefined, appThrowing(rateLimited("Slow down.", 12.2)));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("13");
    expect(await limited.json()).toEqual({
      error: { code: "rate_limited", message: "Slow down." },
    });
    const owner = new DomainError("Last owner.", { code: "last_owner" });
    const user = await post("{}", undefined, appThrowing(owner));
    expect(user.status).toBe(409);
  });

  it("hides unexpected errors behind a generic 500", async () => {
    const res = await post("{}", undefined, appThrowing(new Error("database password is hunter2")));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(JSON.parse(text).error.code).toBe("internal_error");
  });
});
