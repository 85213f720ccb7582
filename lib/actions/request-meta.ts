import { headers } from "next/headers";
import type { RequestMeta } from "@/lib/audit/record";
import { requestMetaFrom } from "@/lib/audit/request-meta";

/** Who is calling the current server action (IP and user agent), for the audit log. */
export async function currentRequestMeta(): Promise<RequestMeta> {
  return requestMetaFrom(await headers());
}
