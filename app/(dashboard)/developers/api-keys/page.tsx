import type { Metadata } from "next";
import { SubscriptionsCard } from "@/components/billing/subscriptions-card";
import { PageHeader } from "@/components/ui/page-header";
import { listApiClients } from "@/lib/credentials/api-clients/manage-clients";
import {
  listKeys,
  listKeysQuery,
  subscriptionsWithoutKey,
} from "@/lib/credentials/ci-keys/list-keys";
import { getSigningSecretInfo } from "@/lib/credentials/signing-secret/manage-secret";
import { getDashboardContext } from "@/lib/teams/context";
import { ApiClientsSection } from "./_components/api-clients-section";
import { CheckoutKeyClaim } from "./_components/checkout-key-claim";
import { CiKeysSection } from "./_components/ci-keys-section";
import { SigningSecretSection } from "./_components/signing-secret-section";
import { NoticeBanner } from "../../notices/_components/notice-banner";

export const metadata: Metadata = { title: "API keys" };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export default async function ApiKeysPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { team, can, user } = await getDashboardContext("/developers/api-keys");
  const params = await searchParams;
  const query = listKeysQuery.parse(params);
  const checkoutSessionId =
    typeof params.checkout_session_id === "string" ? params.checkout_session_id : null;
  const canManage = can("admin");
  const [keys, pending, clients, secret] = await Promise.all([
    listKeys(team.id, query),
    canManage ? subscriptionsWithoutKey(team.id) : Promise.resolve([]),
    listApiClients(team.id),
    getSigningSecretInfo(team.id),
  ]);
  return (
    <>
      <PageHeader
        title="API keys"
        description={
          canManage
            ? "CI API keys trigger runs from your pipelines; API clients call the REST API."
            : "You have read-only access: owners and admins manage keys."
        }
      />
      <NoticeBanner team={team} userId={user.id} />
      {canManage ? <CheckoutKeyClaim teamId={team.id} sessionId={checkoutSessionId} /> : null}
      <div className="space-y-8">
        <CiKeysSection
          teamId={team.id}
          canManage={canManage}
          timeZone={team.timeZone}
          rows={keys.rows.map((r) => ({
            id: r.id,
            label: r.label,
            prefix: r.prefix,
            status: r.status,
            createdAt: r.createdAt.toISOString(),
            lastUsedAt: iso(r.lastUsedAt),
            expiresAt: iso(r.expiresAt),
            trialEndsAt: iso(r.trialEndsAt),
          }))}
          total={keys.total}
          page={keys.page}
          pageCount={keys.pageCount}
          sort={query.sort}
          dir={query.dir}
          pendingSubscriptions={pending.map((s) => ({
            id: s.id,
            status: s.status,
            createdAt: s.createdAt.toISOString(),
            expiresAt: iso(s.expiresAt),
          }))}
        />
        <SubscriptionsCard />
        <ApiClientsSection
          teamId={team.id}
          canManage={canManage}
          timeZone={team.timeZone}
          clients={clients.map((c) => ({
            ...c,
            createdAt: c.createdAt.toISOString(),
            lastUsedAt: iso(c.lastUsedAt),
            expiresAt: iso(c.expiresAt),
          }))}
        />
        <SigningSecretSection
          teamId={team.id}
          canManage={canManage}
          timeZone={team.timeZone}
          info={{
            createdAt: secret.createdAt.toISOString(),
            previous: secret.previous && {
              createdAt: secret.previous.createdAt.toISOString(),
              state: secret.previous.state,
              until: secret.previous.until.toISOString(),
            },
          }}
        />
      </div>
    </>
  );
}
