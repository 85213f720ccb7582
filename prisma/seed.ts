// npm run db:seed — a realistic demo team, so a newcomer lands in a living product. Sign in with
// the development sign-in as demo@signaldiff.dev to see it. Safe to run twice.
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { createTeam } from "@/lib/teams/create-team";
import { seedCredentials } from "./seed-credentials";
import { seedSites } from "./seed-sites";
import { seedBilling } from "./seed-billing";
import { seedWebhooks } from "./seed-webhooks";

export const DEMO_EMAIL = "demo@signaldiff.dev";

const PEOPLE = [
  { email: DEMO_EMAIL, name: "Dana Demo", role: "owner" as const },
  { email: "ari@signaldiff.dev", name: "Ari Admin", role: "admin" as const },
  { email: "mo@signaldiff.dev", name: "Mo Member", role: "member" as const },
  { email: "vic@signaldiff.dev", name: "Vic Viewer", role: "viewer" as const },
];

async function main() {
  if (await db.team.findFirst({ where: { slug: "acme" } })) {
    console.log("Demo team already present; nothing to do.");
    return;
  }
  const users = [];
  for (const p of PEOPLE) {
    const user = await db.user.upsert({
      where: { email: p.email },
      update: {},
      create: { email: p.email, name: p.name, emailVerified: new Date() },
    });
    users.push({ ...user, role: p.role });
  }
  const [owner, ...others] = users;
  if (!owner) throw new Error("no demo owner");
  const team = await createTeam({ name: "Acme", userId: owner.id });
  await db.team.update({ where: { id: team.id }, data: { timeZone: "Europe/Berlin" } });
  for (const u of others) {
    await db.membership.create({ data: { teamId: team.id, userId: u.id, role: u.role } });
    await recordAudit({
      teamId: team.id,
      actor: { userId: u.id, label: u.email ?? u.id },
      action: "member.joined",
      targetType: "user",
      targetId: u.id,
      request: { ip: "203.0.113.7", userAgent: "Mozilla/5.0 (demo data)" },
    });
  }
  // Billing first, so the CI runs can name the key that started them.
  if (await seedBilling(team)) console.log("Test-mode billing history added to Acme.");
  const ciKeyId = await seedCredentials(team, owner);
  await seedSites(team.id, ciKeyId);
  await seedWebhooks(team, owner);
  console.log(`Demo team "Acme" created. Sign in as ${DEMO_EMAIL} with the development sign-in.`);
}

main()
  .then(() => db.$disconnect())
  .catch(async (error) => {
    console.error(error);
    await db.$disconnect();
    process.exit(1);
  });
