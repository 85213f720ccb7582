import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getSessionUser } from "@/lib/auth/session";
import { inviteStateMessage, lookupInvite } from "@/lib/teams/invites";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/teams/roles";
import { AcceptInviteForm } from "./accept-invite-form";

export const metadata: Metadata = { title: "Team invite" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = await lookupInvite(token);
  if (found.state !== "valid") {
    return (
      <Card className="p-6">
        <h1 className="text-lg font-semibold">This invite can’t be used</h1>
        <p className="mt-2 text-sm text-zinc-600" role="alert">
          {inviteStateMessage(found.state)}
        </p>
        <ButtonLink href="/dashboard" variant="secondary" className="mt-6">
          Go to dashboard
        </ButtonLink>
      </Card>
    );
  }
  const { invite } = found;
  const user = await getSessionUser();
  return (
    <Card className="p-6">
      <h1 className="text-lg font-semibold">Join {invite.team.name}</h1>
      <p className="mt-2 text-sm text-zinc-600">
        You are invited as <strong>{ROLE_LABELS[invite.role]}</strong>:{" "}
        {ROLE_DESCRIPTIONS[invite.role]}
      </p>
      <div className="mt-6">
        {user ? (
          <AcceptInviteForm token={token} email={user.email} />
        ) : (
          <ButtonLink
            href={`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}
            className="w-full"
          >
            Sign in to accept
          </ButtonLink>
        )}
      </div>
    </Card>
  );
}
