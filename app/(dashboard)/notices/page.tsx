import type { Metadata } from "next";
import { Bell } from "lucide-react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listNotices } from "@/lib/notices/list-notices";
import { getDashboardContext } from "@/lib/teams/context";
import { NoticeList } from "./_components/notice-list";

export const metadata: Metadata = { title: "Notices" };

export default async function NoticesPage() {
  const { team, user } = await getDashboardContext("/notices");
  const notices = await listNotices(team, user.id);
  return (
    <>
      <PageHeader
        title="Notices"
        description="What needs action on this team: trial ends, key expiries and leaks, disabled webhook endpoints, the previous signing secret’s end and agents gone offline with runs waiting. Dismissing hides a notice for you only."
      />
      {notices.length ? (
        <Card>
          <NoticeList teamId={team.id} notices={notices} timeZone={team.timeZone} />
        </Card>
      ) : (
        <EmptyState icon={<Bell className="size-8" aria-hidden />} title="No notices">
          Notices appear here when a trial is about to end, a CI API key expires or is reported
          leaked, a webhook endpoint is disabled, the previous signing secret is about to stop
          signing, or a pool&apos;s agents go offline while runs wait for them.
        </EmptyState>
      )}
    </>
  );
}
