// Rows for the layout tests, written straight into the e2e database: long labels and URLs on
// purpose, so a table that does not fit its card shows up. (The flows that create them in
// the product have their own specs.)
import pg from "pg";

async function withClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function personalTeamId(email: string): Promise<string> {
  return withClient(async (c) => {
    const { rows } = await c.query<{ teamId: string }>(
      `SELECT m."teamId" FROM "Membership" m JOIN "User" u ON u.id = m."userId"
       JOIN "Team" t ON t.id = m."teamId" WHERE u.email = $1 AND t.personal LIMIT 1`,
      [email],
    );
    const id = rows[0]?.teamId;
    if (!id) throw new Error(`no personal team for ${email}`);
    return id;
  });
}

export async function seedLayoutTeam(teamId: string, tag: string) {
  const day = 24 * 60 * 60 * 1000;
  const future = new Date(Date.now() + 30 * day);
  await withClient(async (c) => {
    for (const [i, label] of ["production-deploy-pipeline-main", "staging-preview"].entries()) {
      const sub = `${tag}_sub_${i}`;
      await c.query(
        `INSERT INTO "Subscription" (id, "teamId", "stripeSubscriptionId", "stripeCustomerId", status,
           "trialEnd", "currentPeriodStart", "currentPeriodEnd", "updatedAt")
         VALUES ($1, $2, $3, $4, 'trialing', $5, now(), $5, now())`,
        [sub, teamId, `sub_${sub}`, `cus_${tag}`, future],
      );
      await c.query(
        `INSERT INTO "CiApiKey" (id, "teamId", "subscriptionId", label, prefix, "secretHash", "lastUsedAt", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, $6, now(), now())`,
        [`${tag}_key_${i}`, teamId, sub, label, `sck_${tag.slice(0, 4)}${i}x`, `hash_${tag}_${i}`],
      );
      await c.query(
        `INSERT INTO "AuditLog" (id, "teamId", "actorLabel", action, "targetType", "targetId", ip, "userAgent")
         VALUES ($1, $2, 'layout-owner@example.com', 'ci_key.created', 'ci_api_key', $3, '203.0.113.7',
                 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130 Safari/537.36')`,
        [`${tag}_audit_${i}`, teamId, `${tag}_key_${i}`],
      );
    }
    for (const [i, label] of ["production-server-eu-west-1", "ci-pipeline"].entries()) {
      await c.query(
        `INSERT INTO "ApiClient" (id, "teamId", label, "clientId", "secretHash", scopes)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          `${tag}_client_${i}`,
          teamId,
          label,
          `sdc_${tag}_${i}_0123456789abcdefghij`,
          `hash_client_${tag}_${i}`,
          ["read", "runs:write", "logs:read"],
        ],
      );
    }
    for (let i = 0; i < 3; i++) {
      const site = `${tag}_site_${i}`;
      await c.query(
        `INSERT INTO "Site" (id, "teamId", name, "startUrl", "updatedAt") VALUES ($1, $2, $3, $4, now())`,
        [
          site,
          teamId,
          `Marketing site ${i}`,
          `https://www.example-company-with-a-long-domain-name.com/en-us/products/${i}/overview`,
        ],
      );
      for (let r = 0; r < 2; r++) {
        await c.query(
          `INSERT INTO "Run" (id, "teamId", "siteId", status, source, "pagesDone", "pagesPlanned",
             "pagesChanged", "finishedAt", "updatedAt")
           VALUES ($1, $2, $3, 'succeeded', $4, 12, 12, $5, now(), now())`,
          [`${site}_run_${r}`, teamId, site, r ? "ci" : "manual", r],
        );
      }
    }
    for (const [i, role] of (["admin", "viewer"] as const).entries()) {
      const user = `${tag}_user_${i}`;
      await c.query(
        `INSERT INTO "User" (id, email, name, "githubLogin", "updatedAt") VALUES ($1, $2, $3, $4, now())`,
        [
          user,
          `${tag}-teammate-${i}@example-company-with-a-long-domain-name.com`,
          `Teammate ${i}`,
          `teammate-${i}`,
        ],
      );
      await c.query(
        `INSERT INTO "Membership" (id, "teamId", "userId", role) VALUES ($1, $2, $3, $4)`,
        [`${tag}_member_${i}`, teamId, user, role],
      );
    }
  });
}

/** Crawls that hold `slots` of the team's concurrency for the next hour (nothing reaps them). */
export async function occupySlots(teamId: string, tag: string, slots: number) {
  await withClient(async (c) => {
    await c.query(
      `INSERT INTO "Site" (id, "teamId", name, "startUrl", "updatedAt") VALUES ($1, $2, 'Busy site', 'https://busy.example.com/', now())`,
      [`${tag}_busy`, teamId],
    );
    for (let i = 0; i < slots; i++) {
      await c.query(
        `INSERT INTO "Run" (id, "teamId", "siteId", status, source, "startedAt", "heartbeatAt", "leaseExpiresAt", "updatedAt")
         VALUES ($1, $2, $3, 'running', 'manual', now(), now(), now() + interval '1 hour', now())`,
        [`${tag}_busy_run_${i}`, teamId, `${tag}_busy`],
      );
    }
  });
}

/** A finished run started through the Agent API, with the metadata its caller sent. */
export async function agentApiRun(teamId: string, siteId: string, id: string) {
  await withClient(async (c) => {
    await c.query(
      `INSERT INTO "Run" (id, "teamId", "siteId", status, source, "commitSha", branch, repository,
         "finishedAt", "updatedAt")
       VALUES ($1, $2, $3, 'succeeded', 'agent_api', '3f2c9a1b7e4d5a6b', 'main', 'acme/web', now(), now())`,
      [id, teamId, siteId],
    );
  });
}
