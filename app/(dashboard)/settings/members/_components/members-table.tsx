"use client";

import { useActionState } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Select } from "@/components/ui/form";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatDate } from "@/lib/format";
import { hasRole, ROLE_LABELS, ROLES, type Role } from "@/lib/teams/roles";
import { changeRoleAction, removeMemberAction } from "../actions";

type Member = {
  id: string;
  userId: string;
  role: Role;
  joinedAt: string;
  name: string | null;
  email: string | null;
  githubLogin: string | null;
};

function RoleForm({
  teamId,
  member,
  actorRole,
}: {
  teamId: string;
  member: Member;
  actorRole: Role;
}) {
  const [state, action] = useActionState(changeRoleAction, null);
  const roles = ROLES.filter((r) => actorRole === "owner" || r !== "owner");
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="membershipId" value={member.id} />
      <Select
        name="role"
        defaultValue={member.role}
        aria-label={`Role of ${member.email ?? member.name}`}
        className="w-32"
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </Select>
      <SubmitButton size="sm" variant="secondary">
        Save
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function MembersTable({
  teamId,
  currentUserId,
  actorRole,
  members,
}: {
  teamId: string;
  currentUserId: string;
  actorRole: Role;
  members: Member[];
}) {
  const canManage = hasRole(actorRole, "admin");
  return (
    <Card>
      <CardHeader
        title="Members"
        description={`${members.length} ${members.length === 1 ? "person" : "people"} in this team.`}
      />
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="bg-zinc-50 text-left text-xs text-zinc-500 uppercase">
            <tr>
              <th scope="col" className="px-5 py-2 font-medium">
                Member
              </th>
              <th scope="col" className="px-5 py-2 font-medium">
                Role
              </th>
              <th scope="col" className="px-5 py-2 font-medium">
                Joined
              </th>
              {canManage ? (
                <th scope="col" className="px-5 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {members.map((m) => {
              const self = m.userId === currentUserId;
              const manageable =
                canManage && !self && (actorRole === "owner" || m.role !== "owner");
              return (
                <tr key={m.id} data-testid="member-row">
                  <td className="px-5 py-3">
                    <div className="font-medium text-zinc-900">
                      {m.name ?? m.email ?? "Unknown"}{" "}
                      {self ? <span className="text-zinc-500">(you)</span> : null}
                    </div>
                    <div className="text-xs text-zinc-500">
                      {m.email}
                      {m.githubLogin ? ` · @${m.githubLogin}` : ""}
                    </div>
                  </td>
                  <td className="px-5 py-3">
                    {manageable ? (
                      <RoleForm teamId={teamId} member={m} actorRole={actorRole} />
                    ) : (
                      <Badge tone={m.role === "owner" ? "violet" : "neutral"}>
                        {ROLE_LABELS[m.role]}
                      </Badge>
                    )}
                  </td>
                  <td className="px-5 py-3 text-zinc-600">{formatDate(m.joinedAt)}</td>
                  {canManage ? (
                    <td className="px-5 py-3 text-right">
                      {manageable ? (
                        <ConfirmAction
                          trigger="Remove"
                          title={`Remove ${m.email ?? m.name ?? "this member"}?`}
                          description="They lose access to this team at once. You can invite them again later."
                          confirmLabel="Remove member"
                          action={removeMemberAction}
                          fields={{ teamId, membershipId: m.id }}
                        />
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
