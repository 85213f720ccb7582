import { Badge } from "@/components/ui/badge";
import { formatDate } from "@/lib/format";

type Sub = {
  status: string;
  grantsAccess: boolean;
  cancelAtPeriodEnd: boolean;
  accessEndsAt: Date | null;
  trialEnd: Date | null;
};

const LABELS: Record<string, string> = {
  trialing: "Trialing",
  active: "Active",
  past_due: "Past due",
  canceled: "Canceled",
  unpaid: "Unpaid",
  incomplete: "Incomplete",
  incomplete_expired: "Expired",
  paused: "Paused",
};

export function SubscriptionStatusBadge({ sub }: { sub: Sub }) {
  const label = LABELS[sub.status] ?? sub.status;
  if (!sub.grantsAccess)
    return <Badge tone="neutral">{sub.status === "canceled" ? "Ended" : label}</Badge>;
  if (sub.status === "past_due") return <Badge tone="amber">{label}</Badge>;
  if (sub.status === "trialing") return <Badge tone="blue">{label}</Badge>;
  return <Badge tone="green">{label}</Badge>;
}

/** One line on what happens next: "Renews on …", "Ends on …", "Ended on …". */
export function subscriptionOutlook(sub: Sub, timeZone: string): string {
  const end = sub.accessEndsAt ? formatDate(sub.accessEndsAt, timeZone) : null;
  if (!sub.grantsAccess) return end ? `Ended on ${end}` : "Never started";
  if (sub.cancelAtPeriodEnd) return `Ends on ${end}`;
  if (sub.status === "trialing")
    return `Trial ends on ${formatDate(sub.trialEnd ?? new Date(), timeZone)}, then renews`;
  if (sub.status === "past_due") return `Payment failed — access until ${end}`;
  return `Renews on ${end}`;
}
