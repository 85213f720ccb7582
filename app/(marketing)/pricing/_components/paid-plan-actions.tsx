// The Paid plan's call to action, for whoever is looking: signed out, a member without billing
// rights, an owner/admin who may start the trial or subscribe, or a team that already pays.
import { randomUUID } from "node:crypto";
import { ManageBillingButton } from "@/components/billing/manage-billing-button";
import { subscriptionOutlook } from "@/components/billing/subscription-status";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { getSessionUser } from "@/lib/auth/session";
import { TRIAL_INELIGIBLE_MESSAGES, trialEligibility } from "@/lib/billing/checkout";
import { getSubscriptionState } from "@/lib/billing/state";
import { billingMode } from "@/lib/billing/stripe";
import { resolveActiveTeam } from "@/lib/teams/active-team";
import { hasRole } from "@/lib/teams/roles";
import { CheckoutButton } from "./checkout-button";

export async function PaidPlanActions() {
  const mode = billingMode();
  if (!mode) {
    return (
      <p className="text-sm text-zinc-600">Paid plans are not available on this deployment.</p>
    );
  }
  const user = await getSessionUser();
  if (!user) {
    return (
      <ButtonLink href="/sign-in?callbackUrl=%2Fpricing" className="w-full">
        Start free trial
      </ButtonLink>
    );
  }
  const { active: team } = await resolveActiveTeam(user);
  // The same server-side rule checkout applies: the trial is once per person, not per team.
  const [state, trial] = await Promise.all([
    getSubscriptionState(team.id),
    trialEligibility(team.id, user.id),
  ]);
  const canBuy = hasRole(team.role, "admin");
  const attemptId = randomUUID().replaceAll("-", "");

  return (
    <div className="space-y-4">
      {state.active.length > 0 ? (
        <div className="rounded-md bg-zinc-50 p-3 text-sm" data-testid="current-plan">
          <p className="font-medium text-zinc-900">
            {team.name} is on the Paid plan
            {state.active.length > 1 ? ` (${state.active.length} subscriptions)` : ""}.
          </p>
          <ul className="mt-1 space-y-0.5 text-zinc-700">
            {state.active.map((sub) => (
              <li key={sub.id}>{subscriptionOutlook(sub, team.timeZone)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {!canBuy ? (
        <p className="text-sm text-zinc-600">
          Only owners and admins of {team.name} can {state.active.length ? "manage" : "buy"} the
          paid plan. Ask one of them.
        </p>
      ) : state.active.length > 0 ? (
        <div className="space-y-3">
          <ManageBillingButton
            teamId={team.id}
            label="Manage subscription"
            returnTo="/pricing"
            variant="primary"
          />
          <div className="border-t border-zinc-200 pt-3">
            <p className="mb-2 text-sm text-zinc-600">
              Need a key for another environment? Each subscription comes with its own CI key.
            </p>
            <CheckoutButton
              teamId={team.id}
              attemptId={attemptId}
              label="Buy another key"
              variant="secondary"
            />
          </div>
        </div>
      ) : (
        <div className="space-y-2">
          <CheckoutButton
            teamId={team.id}
            attemptId={attemptId}
            label={trial.eligible ? "Start free trial" : "Subscribe"}
          />
          <p className="text-xs text-zinc-500" data-testid="trial-note">
            {trial.reason
              ? TRIAL_INELIGIBLE_MESSAGES[trial.reason]
              : "30 days free, then billed monthly. Cancel any time before the trial ends and you pay nothing."}{" "}
            <Link href="/docs/plans-and-limits#trial" className="underline">
              The trial rule
            </Link>
          </p>
          {state.hasBillingAccount ? (
            <ManageBillingButton teamId={team.id} label="Billing history" returnTo="/pricing" />
          ) : null}
        </div>
      )}
      {mode === "test" ? (
        <p className="text-xs text-amber-700">Test mode — checkout makes no real charge.</p>
      ) : null}
    </div>
  );
}
