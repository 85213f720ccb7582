import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/format";
import { getRun, listRunLogs } from "@/lib/runs/queries";
import { isActive } from "@/lib/runs/status";
import { getDashboardContext } from "@/lib/teams/context";
import { cancelRunAction } from "../actions";
import { LiveRefresh } from "../_components/live-refresh";
import { PageChanges } from "../_components/page-changes";
import { CiMetadata } from "../_components/ci-metadata";
import { ChangeSummary, RunStatusBadge, SOURCE_LABELS } from "../_components/run-status";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  const { team, can } = await getDashboardContext(`/runs/${runId}`);
  const run = await getRun(team.id, runId);
  if (!run) notFound();
  const logs = await listRunLogs(team.id, runId, { limit: 200 });
  const live = isActive(run.status);
  const pct =
    run.pagesPlanned > 0 ? Math.min(100, Math.round((run.pagesDone / run.pagesPlanned) * 100)) : 0;
  const tz = team.timeZone;
  return (
    <>
      <LiveRefresh active={live} />
      <PageHeader
        title={`Run of ${run.site.name}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span data-testid="run-status">
              <RunStatusBadge status={run.status} skipReason={run.skipReason} />
            </span>
            <span>{SOURCE_LABELS[run.source]}</span>
            <span>· {formatDateTime(run.createdAt, tz)}</span>
            {run.site.deletedAt ? (
              <span>· site deleted</span>
            ) : (
              <Link href={`/sites/${run.site.id}`} className="hover:underline">
                · {run.site.startUrl}
              </Link>
            )}
          </span>
        }
        actions={
          live && can("member") ? (
            <ConfirmAction
              trigger="Cancel run"
              title="Cancel this run?"
              description="The crawl stops and the run is recorded as cancelled. Its slot is freed at once."
              confirmLabel="Cancel run"
              action={cancelRunAction}
              fields={{ teamId: team.id, runId: run.id }}
            />
          ) : null
        }
      />
      {live ? (
        <Card className="mb-6">
          <CardBody>
            <div className="flex items-center justify-between text-sm">
              <span className="font-medium" data-testid="run-progress">
                {run.status === "queued"
                  ? "Waiting for a worker…"
                  : `${run.pagesDone} of ${run.pagesPlanned || "…"} pages`}
              </span>
              <span className="text-zinc-500 tabular-nums">{pct}%</span>
            </div>
            <div
              className="mt-2 h-2 overflow-hidden rounded-full bg-zinc-100"
              role="progressbar"
              aria-valuenow={pct}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-label="Crawl progress"
            >
              <div className="h-full bg-violet-500 transition-all" style={{ width: `${pct}%` }} />
            </div>
          </CardBody>
        </Card>
      ) : null}
      <CiMetadata run={run} />
      {run.error ? (
        <p role="alert" className="mb-6 rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
          {run.error}
        </p>
      ) : null}
      {run.status === "succeeded" || run.status === "succeeded_with_errors" ? (
        <div
          className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-5 sm:gap-4"
          data-testid="run-summary"
        >
          {[
            ["Pages", run.pagesDone],
            ["Changed", run.pagesChanged],
            ["Added", run.pagesAdded],
            ["Removed", run.pagesRemoved],
            ["Failed to load", run.pagesErrored],
          ].map(([label, value]) => (
            <Card key={label} className="p-4">
              <p className="text-sm text-zinc-600">{label}</p>
              <p className="mt-1 text-2xl font-semibold tabular-nums">{value}</p>
            </Card>
          ))}
        </div>
      ) : null}
      {run.pages.length ? (
        <Card className="mb-6">
          <CardHeader
            title="Pages"
            description={
              run.baselineRunId ? (
                <>
                  Compared with{" "}
                  <Link href={`/runs/${run.baselineRunId}`} className="underline">
                    the previous completed run
                  </Link>
                  :{" "}
                  <ChangeSummary
                    added={run.pagesAdded}
                    removed={run.pagesRemoved}
                    changed={run.pagesChanged}
                    failed={run.pagesErrored}
                  />
                </>
              ) : (
                "The first run of this site: its pages are the baseline later runs compare with."
              )
            }
          />
          {run.snapshotsPrunedAt ? (
            <p className="border-b border-zinc-200 px-5 py-3 text-sm text-zinc-600">
              This run’s page snapshots and diffs were removed by the team’s retention setting (or
              because its site was deleted); its summary, statuses and change counts stay.
            </p>
          ) : null}
          <PageChanges pages={run.pages} />
        </Card>
      ) : null}
      <Card>
        <CardHeader title="Log" />
        <CardBody>
          <ol className="space-y-1 font-mono text-xs" data-testid="run-log">
            {logs.map((l) => (
              <li key={l.id} className={l.level === "error" ? "text-red-700" : "text-zinc-700"}>
                <span className="text-zinc-400">{formatDateTime(l.createdAt, tz)}</span> {l.message}
              </li>
            ))}
          </ol>
        </CardBody>
      </Card>
    </>
  );
}
