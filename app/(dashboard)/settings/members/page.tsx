import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { getDashboardContext } from "@/lib/teams/context";
import { listPendingInvites } from "@/lib/teams/invites";
import { listMembers } from "@/lib/teams/memberships";
import { SettingsNav } from "../_components/settings-nav";
import { InviteCard } from "./_components/invite-card";
import { LeaveTeam } from "./_components/leave-team";
import { MembersTable } from "./_components/members-table";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const { team, user, role, can } = await getDashboardContext("/settings/members");
  const [members, invites] = await Promise.all([
    listMembers(team.id),
    can("admin") ? listPendingInvites(team.id) : [],
  ]);
  return (
    <>
      <PageHeader title="Settings" description={`People in ${team.name} and what they can do.`} />
      <SettingsNav current="/settings/members" />
      <div className="space-y-6">
        {can("admin") ? (
          <InviteCard
            teamId={team.id}
            canInviteOwner={role === "owner"}
            invites={invites.map((i) => ({
              id: i.id,
              role: i.role,
              expiresAt: i.expiresAt.toISOString(),
              createdAt: i.createdAt.toISOString(),
            }))}
          />
        ) : null}
        <MembersTable
          teamId={team.id}
          currentUserId={user.id}
          actorRole={role}
          members={members.map((m) => ({
            id: m.id,
            userId: m.userId,
            role: m.role,
            joinedAt: m.createdAt.toISOString(),
            name: m.user.name,
            email: m.user.email,
            githubLogin: m.user.githubLogin,
          }))}
        />
        <LeaveTeam teamId={team.id} teamName={team.name} />
      </div>
    </>
  );
}
