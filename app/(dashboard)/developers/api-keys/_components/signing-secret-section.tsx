"use client";

// The webhook signing secret (seed 000: "Settings → API Keys → Signing secret"): when it was
// created and whether a previous secret still signs; owners and admins reveal it (audited), rotate
// it (typed ROTATE) and revoke the previous one early. The secret appears only in the reveal banner.
import Link from "next/link";
import { useActionState, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { FormMessage } from "@/components/ui/form-message";
import type { ActionState } from "@/lib/actions/state";
import { formatDateTime } from "@/lib/format";
import {
  revealSigningSecretAction,
  revokePreviousSigningSecretAction,
  rotateSigningSecretAction,
  type RevealedSigningSecret,
} from "../actions";
import { RevealBanner } from "./reveal-banner";

export type SigningSecretView = {
  createdAt: string;
  previous: null | { createdAt: string; state: "active" | "revoked"; until: string };
};

function RevealButton({
  teamId,
  onRevealed,
}: {
  teamId: string;
  onRevealed: (r: RevealedSigningSecret) => void;
}) {
  const [state, action] = useActionState<ActionState<RevealedSigningSecret>, FormData>(
    async (prev, fd) => {
      const r = await revealSigningSecretAction(prev, fd);
      if (r?.ok && r.data) onRevealed(r.data);
      return r;
    },
    null,
  );
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="teamId" value={teamId} />
      <Button type="submit" size="sm" variant="secondary">
        Reveal
      </Button>
      <FormMessage state={state && !state.ok ? state : null} />
    </form>
  );
}

export function SigningSecretSection({
  teamId,
  canManage,
  timeZone,
  info,
}: {
  teamId: string;
  canManage: boolean;
  timeZone: string;
  info: SigningSecretView;
}) {
  const [revealed, setRevealed] = useState<RevealedSigningSecret | null>(null);
  const previous = info.previous;
  return (
    <Card aria-label="Signing secret" data-testid="signing-secret">
      <CardHeader
        title="Signing secret"
        description={
          <>
            Signs every webhook delivery (Standard Webhooks). Separate from every API key. See{" "}
            <Link href="/docs/verifying-signatures" className="font-medium underline">
              Verifying signatures
            </Link>
            .
          </>
        }
        actions={
          canManage ? (
            <>
              <RevealButton teamId={teamId} onRevealed={setRevealed} />
              <ConfirmAction
                trigger="Rotate signing secret"
                title="Rotate the signing secret?"
                description={
                  <div className="whitespace-normal">
                    Every delivery is signed with the new secret at once. For 7 days, or until you
                    press <strong>Revoke previous secret</strong>, deliveries also carry the current
                    secret&apos;s signature, so receivers keep verifying while you update them.
                  </div>
                }
                confirmLabel="Rotate secret"
                confirmWord="ROTATE"
                fields={{ teamId }}
                action={async (prev: ActionState<RevealedSigningSecret>, fd: FormData) => {
                  const r = await rotateSigningSecretAction(prev, fd);
                  if (r?.ok && r.data) setRevealed(r.data);
                  return r;
                }}
              />
            </>
          ) : null
        }
      />
      <CardBody className="space-y-3 text-sm">
        {revealed ? (
          <RevealBanner
            title={revealed.rotated ? "Your new signing secret" : "Your signing secret"}
            items={[{ label: "Signing secret", value: revealed.secret, secret: true }]}
            warning={
              revealed.rotated
                ? "Update your receivers with it. The previous secret keeps signing until it is revoked."
                : "Keep it on your server only. Revealing it was recorded in the audit log."
            }
            onDismiss={() => setRevealed(null)}
          />
        ) : null}
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-zinc-700">Current secret</dt>
          <dd className="flex flex-wrap items-center gap-2 text-zinc-600">
            <Badge tone="green">Active</Badge>
            <span data-testid="secret-created">
              whsec_•••• · created {formatDateTime(info.createdAt, timeZone)}
            </span>
          </dd>
          {previous ? (
            <>
              <dt className="font-medium text-zinc-700">Previous secret</dt>
              <dd
                className="flex flex-wrap items-center gap-2 text-zinc-600"
                data-testid="previous-secret"
              >
                {previous.state === "active" ? (
                  <>
                    <Badge tone="amber">Still signing</Badge>
                    <span>auto-revokes {formatDateTime(previous.until, timeZone)}</span>
                    {canManage ? (
                      <ConfirmAction
                        trigger="Revoke previous secret"
                        triggerVariant="ghost"
                        title="Revoke the previous signing secret?"
                        description="Deliveries stop carrying its signature at once. Receivers still holding it fail verification."
                        confirmLabel="Revoke previous secret"
                        fields={{ teamId }}
                        action={revokePreviousSigningSecretAction}
                      />
                    ) : null}
                  </>
                ) : (
                  <>
                    <Badge tone="neutral">Revoked</Badge>
                    <span>since {formatDateTime(previous.until, timeZone)}</span>
                  </>
                )}
              </dd>
            </>
          ) : null}
        </dl>
        {!canManage ? (
          <p className="text-zinc-600">Owners and admins can reveal and rotate the secret.</p>
        ) : null}
      </CardBody>
    </Card>
  );
}
