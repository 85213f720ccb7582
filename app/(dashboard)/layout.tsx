import { countOpenNotices } from "@/lib/notices/list-notices";
import { getDashboardContext } from "@/lib/teams/context";
import { AppShell } from "./_components/app-shell";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const { user, team, teams } = await getDashboardContext();
  const noticeCount = await countOpenNotices(team.id, user.id);
  return (
    <AppShell user={user} team={team} teams={teams} noticeCount={noticeCount}>
      {children}
    </AppShell>
  );
}
