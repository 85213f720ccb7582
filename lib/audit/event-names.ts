// What each audit event code means, in words a person reads in the audit log. Codes stay stable
// in the database and the filter URL; only this table changes when wording does.
const EVENT_NAMES: Record<string, string> = {
  "team.created": "Team created",
  "team.updated": "Team settings changed",
  "member.joined": "Member joined",
  "member.left": "Member left",
  "member.removed": "Member removed",
  "member.role_changed": "Member role changed",
  "invite.created": "Invite link created",
  "invite.revoked": "Invite link revoked",
  "site.created": "Site created",
  "site.updated": "Site changed",
  "site.deleted": "Site deleted",
  "ci_key.created": "CI API key created",
  "ci_key.revealed": "CI API key secret shown",
  "ci_key.rotated": "CI API key rotated",
  "ci_key.rotate_rate_limited": "CI API key rotation refused (too many)",
  "ci_key.revoked": "CI API key revoked",
  "ci_key.relabeled": "CI API key renamed",
  "ci_key.expired_use": "Expired CI API key used",
  "ci_key.revoked_use": "Revoked CI API key used",
  "ci_key.leaked": "CI API key reported leaked and disabled",
  "ci_key.leaked_use": "Leaked CI API key used",
  "api_client.created": "API client created",
  "api_client.revealed": "API client secret shown",
  "api_client.deleted": "API client deleted",
  "api_client.tokens_revoked": "API client tokens invalidated",
  "api_client.expired_use": "Expired API client used",
  "api_client.deleted_use": "Deleted API client used",
  "api_client.leaked": "API client secret reported leaked; client deleted",
  "billing.checkout_started": "Checkout started",
  "billing.invoice_paid": "Invoice paid",
  "billing.payment_failed": "Payment failed",
  "billing.trial_will_end": "Trial ends soon",
  "billing.extra_trial_ended": "Extra trial ended",
};

/** "ci_key.rotated" → "CI API key rotated"; an unknown code still reads as words. */
export function auditEventName(code: string): string {
  const known = EVENT_NAMES[code];
  if (known) return known;
  const words = code.replace(/[._]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
