import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, tooManyRequests } from "@/lib/http/api-error";
import { apiRoute, readJson } from "@/lib/http/handler";
import { UserError } from "@/lib/errors";

const ctx = { params: Promise.resolve({}) };
const schema = z.object({ site_id: z.string().min(1) });

function post(
  body: string,
  headers: Record<string, string> = { "content-type": "application/json" },
) {
  return new NextRequest("http://localhost/api/x", { method: "POST", body, headers });
}

const echo = apiRoute(async (req) => Response.json(await readJson(req, schema, { maxBytes: 100 })));

describe("apiRoute and readJson", () => {
  it("passes a valid JSON body through", async () => {
    const res = await echo(post(JSON.stringify({ site_id: "s1" })), ctx);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ site_id: "s1" });
  });

  it("answers 415 for a body that is not JSON", async () => {
    const res = await echo(
      post("site_id=s1", { "content-type": "application/x-www-form-urlencoded" }),
      ctx,
    );
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe("unsupported_media_type");
  });

  it("answers 413 past the size cap, even without Content-Length", async () => {
    const res = await echo(post(JSON.stringify({ site_id: "x".repeat(500) })), ctx);
    expect(res.status).toBe(413);
  });

  it("answers 400 with field errors for invalid JSON or a wrong shape", async () => {
    const broken = await echo(post("{not json"), ctx);
    expect(broken.status).toBe(400);
    const wrong = await echo(post(JSON.stringify({ site_id: "" })), ctx);
    expect(wrong.status).toBe(400);
    const body = await wrong.json();
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.fields.site_id).toHaveLength(1);
  });

  it("maps ApiError and UserError to their status, with headers", async () => {
    const limited = await apiRoute(async () => {
      throw tooManyRequests("Slow down.", 12.2);
    })(post("{}"), ctx);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("13");
    expect(await limited.json()).toEqual({
      error: { code: "rate_limited", message: "Slow down." },
    });
    const user = await apiRoute(async () => {
      throw new UserError("Last owner.", { status: 409, code: "last_owner" });
    })(post("{}"), ctx);
    expect(user.status).toBe(409);
    expect(ApiError.name).toBe("ApiError");
  });

  it("hides unexpected errors behind a generic 500", async () => {
    const res = await apiRoute(async () => {
      throw new Error("database password is hunter2");
    })(post("{}"), ctx);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(JSON.parse(text).error.code).toBe("internal_error");
  });
});
