// signaldiff runs list|show|cancel and sites list, through the Agent API with the CI key. With
// --json each prints the API's own documented answer (GET /api/openapi.json) unchanged.
import type { Api } from "./api";
import { runLines, runRows, table } from "./format";
import type { Io } from "./io";
import { changedPages, isRunItem, pageOf, runOf, type Run } from "./run-view";

type Site = {
  id: string;
  name: string;
  start_url: string;
  execution_mode: string;
  schedule_kind: string;
};

const isSite = (v: unknown) => {
  const s = v as Partial<Site> | null;
  return typeof s?.id === "string" && typeof s.name === "string" && typeof s.start_url === "string";
};

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
}

function nextPageHint(io: Io, cursor: string | null, command: string) {
  if (cursor) io.err(`More: signaldiff ${command} --cursor ${cursor}`);
}

export async function runsList(
  api: Api,
  io: Io,
  json: boolean,
  filters: { siteId?: string; status?: string; limit?: string; cursor?: string },
) {
  const path = `/agent/runs${query({ site_id: filters.siteId, status: filters.status, limit: filters.limit, cursor: filters.cursor })}`;
  const page = pageOf<Run>(await api.json("GET", path), isRunItem, "run");
  if (json) return io.out(JSON.stringify(page, null, 2));
  if (!page.data.length) return io.out("No runs.");
  for (const line of runRows(page.data)) io.out(line);
  nextPageHint(io, page.next_cursor, "runs list");
}

export async function runsShow(api: Api, io: Io, json: boolean, runId: string) {
  const run = runOf(await api.json("GET", `/agent/runs/${encodeURIComponent(runId)}`), true);
  if (json) return io.out(JSON.stringify(run, null, 2));
  for (const line of runLines(run, changedPages(run))) io.out(line);
}

export async function runsCancel(api: Api, io: Io, json: boolean, runId: string) {
  const path = `/agent/runs/${encodeURIComponent(runId)}/cancel`;
  const run = runOf(await api.json("POST", path));
  if (json) return io.out(JSON.stringify(run, null, 2));
  io.out(`Cancelled run ${run.id} (${run.status}): ${run.url}`);
}

export async function sitesList(
  api: Api,
  io: Io,
  json: boolean,
  page: { limit?: string; cursor?: string },
) {
  const sites = pageOf<Site>(await api.json("GET", `/agent/sites${query(page)}`), isSite, "site");
  if (json) return io.out(JSON.stringify(sites, null, 2));
  if (!sites.data.length) return io.out("No sites.");
  const rows = sites.data.map((s) => [
    s.id,
    s.name,
    s.execution_mode,
    s.schedule_kind,
    s.start_url,
  ]);
  for (const line of table(["ID", "NAME", "MODE", "SCHEDULE", "START URL"], rows)) io.out(line);
  nextPageHint(io, sites.next_cursor, "sites list");
}
