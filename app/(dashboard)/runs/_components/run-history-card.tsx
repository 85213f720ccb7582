// The run-history chart in a card: loads the bounded window on the server and hands it to the
// client chart, so the pages that show it stay thin.
import { Card, CardHeader } from "@/components/ui/card";
import { getRunHistory, summariseHistory } from "@/lib/runs/history";
import { RunHistoryChart } from "./run-history-chart";

export async function RunHistoryCard({
  teamId,
  timeZone,
  siteId,
}: {
  teamId: string;
  timeZone: string;
  siteId?: string;
}) {
  const points = await getRunHistory(teamId, { siteId });
  const summary = summariseHistory(points);
  return (
    <Card className="mb-6" aria-labelledby="run-history-chart-title">
      <CardHeader
        title={<span id="run-history-chart-title">Run history</span>}
        description="Duration and changed pages per run; click a point to open the run."
      />
      <RunHistoryChart points={points} summary={summary.text} timeZone={timeZone} />
    </Card>
  );
}
