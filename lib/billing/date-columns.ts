// One rule for what each date column of the billing and key tables means, stated once and shown
// as each column's tooltip, so the Subscriptions card and the CI keys table cannot disagree.

export const DATE_COLUMN_HINTS = {
  accessUntil:
    "When paid access and this subscription's CI key end: the end of the current paid period (it moves with each renewal), or the day Stripe ended the subscription if that came first. Same date as the key's Expires.",
  expires:
    "When this key stops working: its subscription's access-until date — the end of the current paid period, or the day Stripe ended the subscription if that came first. A revoked key stopped when it was revoked.",
  trialEnds:
    "The last day of the free trial. Billing starts then unless the subscription is cancelled before.",
  started: "When the subscription (or key) was created.",
} as const;
