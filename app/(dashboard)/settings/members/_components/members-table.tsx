"use client";

import { useActionState } from "react";
import { Badge } from "@/components/ui/badge";
import { dataColumns } from "@/components/data-table/columns";
import { DataTable } from "@/components/data-table/data-table";
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
    <form action={action} className="flex items-center gap-2 max-sm:flex-wrap max-sm:justify-end">
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

const col = dataColumns<Member>();

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
  const manageable = (m: Member) =>
    canManage && m.userId !== currentUserId && (actorRole === "owner" || m.role !== "owner");
  const columns = col.columns([
    col.accessor("name", {
      header: "Member",
      meta: { primary: true },
      cell: ({ row: { original: m } }) => (
        <>
          <div className="font-medium text-zinc-900">
            {m.name ?? m.email ?? "Unknown"}{" "}
            {m.userId === currentUserId ? <span className="text-zinc-500">(you)</span> : null}
          </div>
          <div className="text-xs break-all text-zinc-500">
            {m.email}
            {m.githubLogin ? ` · @${m.githubLogin}` : ""}
          </div>
        </>
      ),
    }),
    col.accessor("role", {
      header: "Role",
      cell: ({ row: { original: m } }) =>
        manageable(m) ? (
          <RoleForm teamId={teamId} member={m} actorRole={actorRole} />
        ) : (
          <Badge tone={m.role === "owner" ? "violet" : "neutral"}>{ROLE_LABELS[m.role]}</Badge>
        ),
    }),
    col.accessor("joinedAt", {
      header: "Joined",
      cell: (info) => (
        <span className="whitespace-nowrap text-zinc-600">{formatDate(info.getValue())}</span>
      ),
    }),
  ]);
  return (
    <Card>
      <CardHeader
        title="Members"
        description={`${members.length} ${members.length === 1 ? "person" : "people"} in this team.`}
      />
      <DataTable
        label="Members"
        testId="members-table"
        rowTestId="member-row"
        columns={columns}
        data={members}
        getRowId={(m) => m.id}
        rowActions={
          canManage
            ? (m) =>
                manageable(m) ? (
                  <ConfirmAction
                    trigger="Remove"
                    triggerLabel={`Remove ${m.email ?? m.name ?? "this member"}`}
                    title={`Remove ${m.email ?? m.name ?? "this member"}?`}
                    description="They lose access to this team at once. You can invite them again later."
                    confirmLabel="Remove member"
                    action={removeMemberAction}
                    fields={{ teamId, membershipId: m.id }}
                  />
                ) : null
            : undefined
        }
      />
    </Card>
  );
}
