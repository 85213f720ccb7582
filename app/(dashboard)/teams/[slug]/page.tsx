import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { getMembershipBySlug } from "@/lib/teams/memberships";
import { ROLE_LABELS } from "@/lib/teams/roles";
import { SwitchToTeam } from "./switch-to-team";

export const metadata: Metadata = { title: "Team" };

// A team's own page. People who are not members get a 404, not a hint that the team exists.
export default async function TeamPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUser(`/teams/${slug}`);
  const membership = await getMembershipBySlug(user.id, slug);
  if (!membership) notFound();
  return (
    <Card className="max-w-lg">
      <CardHeader
        title={membership.team.name}
        description={`You are ${ROLE_LABELS[membership.role].toLowerCase()} of this team.`}
      />
      <CardBody>
        <SwitchToTeam teamId={membership.team.id} />
      </CardBody>
    </Card>
  );
}
