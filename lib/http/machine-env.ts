// What the machine API's middleware hands to route handlers (Hono context variables).
import type { AuthenticatedAgent } from "@/lib/credentials/agents/agents";
import type { CiKeyAuth } from "@/lib/credentials/ci-keys/authenticate";
import type { VerifiedToken } from "@/lib/credentials/oauth/tokens";

export type MachineEnv = {
  Variables: {
    /** Set by ciKeyAuth: the presented CI key and its team. */
    ciKey: CiKeyAuth;
    /** Set by bearerAuth: the verified access token (client, team, scopes). */
    bearer: VerifiedToken;
    /** Set by agentAuth: the enrolled customer agent. */
    agent: AuthenticatedAgent;
  };
};
