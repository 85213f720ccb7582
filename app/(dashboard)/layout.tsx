import { getDashboardContext } from "@/lib/teams/context";
import { AppShell } from "./_components/app-shell";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const { user, team, teams } = await getDashboardContext();
  return (
    <AppShell user={user} team={team} teams={teams}>
      {children}
    </AppShell>
  );
}
