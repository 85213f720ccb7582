import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { getDashboardContext } from "@/lib/teams/context";
import { getTeamSettings } from "@/lib/teams/settings";
import { timeZones } from "@/lib/teams/time-zones";
import { SettingsNav } from "./_components/settings-nav";
import { TeamSettingsForm } from "./_components/team-settings-form";

export const metadata: Metadata = { title: "Team settings" };

export default async function SettingsPage() {
  const { team, can } = await getDashboardContext("/settings");
  const settings = await getTeamSettings(team.id);
  return (
    <>
      <PageHeader title="Settings" description={`Settings for ${team.name}.`} />
      <SettingsNav current="/settings" />
      <TeamSettingsForm team={settings} timeZones={timeZones()} canEdit={can("admin")} />
    </>
  );
}
