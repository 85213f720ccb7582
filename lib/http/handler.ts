// The route-handler wrapper: every API route goes through `apiRoute`, so errors are mapped in one
// place and no handler carries its own try/catch.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { ApiError, badRequest, type FieldErrors } from "@/lib/http/api-error";
import { UserError } from "@/lib/errors";
import { logger } from "@/lib/log";

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (req: NextRequest, ctx: RouteContext<P>) => Promise<Response>;

const JSON_HEADERS = { "Cache-Control": "no-store" };

export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
) {
  return NextResponse.json(body, {
    status: init.status ?? 200,
    headers: { ...JSON_HEADERS, ...init.headers },
  });
}

export function errorResponse(error: ApiError) {
  return jsonResponse(error.toBody(), { status: error.status, headers: error.options.headers });
}

export function apiRoute<P = Record<string, never>>(handler: Handler<P>): Handler<P> {
  return async (req, ctx) => {
    try {
      return await handler(req, ctx);
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error);
      if (error instanceof UserError) {
        return errorResponse(new ApiError(error.status, error.code, error.message));
      }
      logger.error(
        { err: error, method: req.method, path: req.nextUrl.pathname },
        "unhandled API error",
      );
      return errorResponse(
        new ApiError(500, "internal_error", "Something went wrong on our side."),
      );
    }
  };
}

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/** Parses a value with a schema, throwing a 400 with field errors when it does not fit. */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what = "request body",
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(`The ${what} is invalid.`, zodFieldErrors(parsed.error));
  return parsed.data;
}

/**
 * Reads a JSON body: 415 when it is not JSON, 413 past `maxBytes`, 400 when it does not parse or
 * does not fit the schema. The size is checked on the bytes read, not only on Content-Length.
 */
export async function readJson<T extends z.ZodType>(
  req: Request,
  schema: T,
  { maxBytes = 64 * 1024 }: { maxBytes?: number } = {},
): Promise<z.infer<T>> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw new ApiError(415, "unsupported_media_type", "Send the body as application/json.");
  }
  const text = await readText(req, maxBytes);
  let value: unknown;
  try {
    value = text.length ? JSON.parse(text) : {};
  } catch {
    throw badRequest("The request body is not valid JSON.");
  }
  return parseOrThrow(schema, value);
}

/** Reads the raw body up to `maxBytes`, answering 413 beyond it. */
export async function readText(req: Request, maxBytes: number): Promise<string> {
  const tooLarge = () =>
    new ApiError(
      413,
      "payload_too_large",
      `The request body exceeds ${Math.floor(maxBytes / 1024)} KiB.`,
    );
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
