// What the caller said about the run it started (POST /api/trigger/ci, Agent API, REST API):
// environment, commit, branch, repository and a link back to the pipeline, under a title naming that source.
// Shown only when the run carries any of it.
import { Card, CardBody, CardHeader } from "@/components/ui/card";

type Meta = {
  source: string;
  commitSha: string | null;
  branch: string | null;
  repository: string | null;
  runUrl: string | null;
  environment?: string | null;
};

const TITLES: Record<string, string> = {
  ci: "From CI",
  agent_api: "From the Agent API",
  api: "From the REST API",
  schedule: "From the schedule",
  manual: "Started by hand",
};

const isHttpUrl = (value: string) => /^https?:\/\//i.test(value);

export function CiMetadata({ run }: { run: Meta }) {
  if (!run.commitSha && !run.branch && !run.repository && !run.runUrl && !run.environment) {
    return null;
  }
  const rows: [string, React.ReactNode][] = [];
  if (run.environment) rows.push(["Environment", run.environment]);
  if (run.repository) rows.push(["Repository", run.repository]);
  if (run.branch) rows.push(["Branch", run.branch]);
  if (run.commitSha)
    rows.push([
      "Commit",
      <code key="sha" className="font-mono" title={run.commitSha}>
        {run.commitSha.slice(0, 12)}
      </code>,
    ]);
  if (run.runUrl)
    rows.push([
      "Pipeline",
      isHttpUrl(run.runUrl) ? (
        <a
          key="url"
          href={run.runUrl}
          className="break-all text-violet-700 hover:underline"
          rel="noreferrer noopener"
          target="_blank"
        >
          {run.runUrl}
        </a>
      ) : (
        <span className="break-all">{run.runUrl}</span>
      ),
    ]);
  return (
    <Card className="mb-6" data-testid="ci-metadata">
      <CardHeader title={TITLES[run.source] ?? "Run details"} />
      <CardBody>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-zinc-500">{label}</dt>
              <dd className="text-zinc-900">{value}</dd>
            </div>
          ))}
        </dl>
      </CardBody>
    </Card>
  );
}
