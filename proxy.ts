// Server action requests only (the matcher requires a Next-Action header): their body is React's
// "reply" encoding, decoded by Next.js before any of our code runs. A body that is not one — a
// multipart form without the root field "0" (e.g. a file upload named `../../a` posted at an
// action), or a root that is not JSON — made the decoder fail ("Connection closed") and Next
// answer 500. Such requests are refused here with a 400 and never reach the action.
import { NextResponse, type NextRequest } from "next/server";

function badRequest(message: string) {
  return NextResponse.json({ error: { code: "invalid_request", message } }, { status: 400 });
}

const isJsonArray = (text: string) => {
  try {
    return Array.isArray(JSON.parse(text));
  } catch {
    return false;
  }
};

/** Whether the body has the shape of an action's argument list (root: a JSON array). */
async function isActionReply(req: NextRequest): Promise<boolean> {
  const type = req.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await req.formData().catch(() => null);
    const root = form?.get("0");
    return typeof root === "string" && isJsonArray(root);
  }
  // A progressive-enhancement form post (no JavaScript) is decoded differently; leave it to Next.
  if (type.startsWith("application/x-www-form-urlencoded")) return true;
  return isJsonArray(await req.text().catch(() => ""));
}

export async function proxy(req: NextRequest) {
  if (req.method !== "POST") return NextResponse.next();
  if (!(await isActionReply(req.clone() as NextRequest)))
    return badRequest("The request body is not a valid server action call.");
  return NextResponse.next();
}

export const config = {
  matcher: [{ source: "/:path*", has: [{ type: "header", key: "next-action" }] }],
};
