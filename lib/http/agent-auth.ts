// Middleware for the customer agent routes (/api/agents/…): the agent credential (`sca_…`) in
// `Authorization: Bearer`. Every failure — missing, malformed, bad checksum, unknown, revoked or
// replaced by a re-enrollment — gets the one identical 401.
import type { MiddlewareHandler } from "hono";
import { authenticateAgent } from "@/lib/credentials/agents/agents";
import { jsonResponse } from "@/lib/http/error-response";
import type { MachineEnv } from "@/lib/http/machine-env";

export const AGENT_UNAUTHORIZED_BODY = {
  error: {
    code: "unauthorized",
    message:
      "Missing or invalid agent credential. Enroll the agent again with a new enrollment token from the Customer agents page. See /docs/agents.",
  },
} as const;

export function agentUnauthorized(): Response {
  return jsonResponse(AGENT_UNAUTHORIZED_BODY, {
    status: 401,
    headers: { "WWW-Authenticate": 'Bearer realm="signal-diff-agent"' },
  });
}

export const agentAuth: MiddlewareHandler<MachineEnv> = async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const agent = await authenticateAgent(match?.[1] ?? null);
  if (!agent) return agentUnauthorized();
  c.set("agent", agent);
  await next();
};
