import type { Metadata } from "next";
import Link from "next/link";
import { ROUTE_SCOPES, SCOPE_DESCRIPTIONS, SCOPES } from "@/lib/credentials/api-clients/scopes";
import { StaticTable } from "@/components/data-table/static-table";
import { CodeBlock } from "../_components/doc";

export const metadata: Metadata = { title: "API reference" };

function Code({ children }: { children: string }) {
  return <CodeBlock code={children} />;
}

function H2({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <h2 id={id} className="mt-14 scroll-mt-20 text-2xl font-semibold tracking-tight">
      {children}
    </h2>
  );
}

function H3({ id, children }: { id?: string; children: React.ReactNode }) {
  return (
    <h3 id={id} className="mt-8 scroll-mt-20 text-lg font-semibold">
      {children}
    </h3>
  );
}

function P({ children }: { children: React.ReactNode }) {
  return <p className="mt-3 text-zinc-700">{children}</p>;
}

function Table({ head, rows }: { head: string[]; rows: React.ReactNode[][] }) {
  return <StaticTable label={head.join(", ")} head={head} rows={rows} />;
}

const c = (s: string) => <code className="rounded bg-zinc-100 px-1 py-0.5 text-[13px]">{s}</code>;

const TRIGGER_FIELDS: [string, string, string][] = [
  ["site_id", "required", "The id of one of your team's sites."],
  ["commit_sha", "optional", "Hex commit id (7–64 characters), shown on the run page."],
  ["branch", "optional", "Branch name (≤ 255 characters)."],
  ["repository", "optional", "e.g. acme/web (≤ 255 characters)."],
  ["run_url", "optional", "http(s) link back to the CI job."],
  ["execution_mode", "optional", '"cloud" (default for cloud sites) or "agent".'],
  ["agent_pool_id", "optional", "The customer agent pool for agent execution."],
];

const ERRORS: [string, string][] = [
  ["400 invalid_request", "Body or query string invalid; error.fields names each field."],
  ["401 unauthorized / invalid_token", "Missing, malformed, wrong, expired or revoked credential."],
  ["403 forbidden", "REST API: the resource belongs to another team."],
  ["403 insufficient_scope", "REST API: the token lacks the scope the route needs (named)."],
  ["404 not_found", "No such resource in your team (CI trigger and Agent API: also other teams')."],
  ["409 conflict", "The run already finished and cannot be cancelled."],
  ["413 payload_too_large", "Body over the limit (16 KiB for run starts, 32 KiB for sites)."],
  ["415 unsupported_media_type", "Send JSON with Content-Type: application/json."],
  ["422 agent_execution_unavailable", 'Execution mode "agent" is not available yet.'],
  ["429 rate_limited", "Concurrent crawl limit reached; honour Retry-After."],
];

export default function ApiReferencePage() {
  return (
    <article className="mx-auto max-w-4xl px-6 py-16">
      <p className="text-sm text-zinc-500">
        <Link href="/docs" className="hover:underline">
          Docs
        </Link>{" "}
        / API reference
      </p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">API reference</h1>
      <P>
        Signal Diff has three machine interfaces. The <strong>CI trigger</strong> and the{" "}
        <strong>Agent API</strong> use your paid CI API key ({c("sck_…")}); the{" "}
        <strong>REST API</strong> uses short-lived bearer tokens from an API client (
        {c("dh_live_…")} + secret). Both kinds of credential are managed on Developers → API keys.
        Every answer is JSON; every error is {c('{ "error": { "code", "message" } }')}, with{" "}
        {c("fields")} for invalid input. Lists are newest first with cursor pagination:{" "}
        {c("?limit=")} (1–100, default 20) and {c("?cursor=")} from the previous page&apos;s{" "}
        {c("next_cursor")} ({c("null")} on the last page).
      </P>
      <nav aria-label="On this page" className="mt-6 flex flex-wrap gap-4 text-sm">
        <a href="#ci-trigger" className="text-blue-700 hover:underline">
          CI trigger
        </a>
        <a href="#agent-api" className="text-blue-700 hover:underline">
          Agent API
        </a>
        <a href="#rest-api" className="text-blue-700 hover:underline">
          REST API
        </a>
        <a href="#errors" className="text-blue-700 hover:underline">
          Status codes
        </a>
      </nav>

      <H2 id="ci-trigger">CI trigger</H2>
      <P>
        {c("POST /api/trigger/ci")} with the header {c("x-ci-api-key")} starts a run of a site and
        answers {c("202")} with {c("{ run_id, status, url }")} ({c("url")} is the run page). The run
        stores the CI metadata and counts toward your concurrent crawl limit (Free 1, Paid 3). Store
        the key as {c("SIGNALDIFF_CI_API_KEY")} and your deployment origin as{" "}
        {c("SIGNALDIFF_API_BASE_URL")} (no /api suffix).
      </P>
      <Table
        head={["Field", "", "Meaning"]}
        rows={TRIGGER_FIELDS.map(([f, req, m]) => [c(f), req, m])}
      />
      <Code>{`curl -sS -X POST "$SIGNALDIFF_API_BASE_URL/api/trigger/ci" \\
  -H "x-ci-api-key: $SIGNALDIFF_CI_API_KEY" \\
  -H "content-type: application/json" \\
  -d '{"site_id":"<site id>","commit_sha":"'"$GITHUB_SHA"'","branch":"'"$GITHUB_REF_NAME"'",
       "repository":"'"$GITHUB_REPOSITORY"'","run_url":"https://github.com/..."}'
# 202 {"run_id":"…","status":"queued","url":"https://…/runs/…"}`}</Code>
      <P>
        A missing, malformed, mistyped, unknown, expired or revoked key always gets the same{" "}
        {c("401")} body and headers. At the limit the answer is {c("429")} with {c("Retry-After")}{" "}
        and a message such as “3 of 3 crawls running — wait for a run to finish or cancel one”; see{" "}
        <Link href="/pricing" className="text-blue-700 hover:underline">
          Plans and limits
        </Link>
        . {c('execution_mode: "agent"')} answers {c("422")} until customer agents are enabled.
      </P>

      <H2 id="agent-api">Agent API</H2>
      <P>
        The same CI key, sent as {c("x-ci-api-key")} or {c("Authorization: Bearer sck_…")}. A CI key
        belongs to one team: another team&apos;s run answers {c("404")}, exactly like a run that
        does not exist.
      </P>
      <Table
        head={["Method and path", "What it does"]}
        rows={[
          [
            c("GET /agent/runs"),
            <>
              Your team&apos;s runs. Filters {c("site_id")}, {c("status")} (queued, running,
              succeeded, failed, cancelled, skipped), {c("source")} (manual, schedule, ci,
              agent_api, api); {c("limit")}, {c("cursor")}.
            </>,
          ],
          [c("GET /agent/runs/{id}"), "Status, counts and per-page changes (with text diffs)."],
          [c("POST /agent/scans"), "Starts a run; same body and answers as the CI trigger."],
          [c("POST /agent/runs/{id}/cancel"), "Cancels a queued or running run (409 if ended)."],
        ]}
      />
      <Code>{`curl -sS "$SIGNALDIFF_API_BASE_URL/agent/runs?limit=5&source=ci" \\
  -H "Authorization: Bearer $SIGNALDIFF_CI_API_KEY"`}</Code>

      <H2 id="rest-api">REST API</H2>
      <H3 id="tokens">Getting a token</H3>
      <P>
        {c("POST /api/oauth/token")} (OAuth 2.0 client credentials) with HTTP Basic or{" "}
        {c("client_id")}/{c("client_secret")} in a form or JSON body returns{" "}
        {c("{ access_token, token_type, expires_in, scope }")}. Ask for fewer scopes with{" "}
        {c("scope")}. Tokens are JWTs (verifiable with {c("/.well-known/jwks.json")}) and live at
        most 24 hours; request a new one when it expires.
      </P>
      <Code>{`TOKEN=$(curl -sS -X POST "$BASE/api/oauth/token" \\
  -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials | jq -r .access_token)
curl -sS "$BASE/api/v1/sites?limit=10" -H "Authorization: Bearer $TOKEN"`}</Code>
      <H3 id="scopes">Scopes</H3>
      <Table head={["Scope", "Grants"]} rows={SCOPES.map((s) => [c(s), SCOPE_DESCRIPTIONS[s]])} />
      <H3 id="routes">Routes</H3>
      <P>
        A token may only touch its own team: another team&apos;s site or run answers {c("403")} and
        nothing is changed. A missing scope answers {c("403 insufficient_scope")} naming the scope
        needed.
      </P>
      <Table
        head={["Method and path", "Scope needed"]}
        rows={Object.entries(ROUTE_SCOPES).map(([route, scope]) => [c(route), c(scope)])}
      />
      <H3>Bodies</H3>
      <P>
        Sites ({c("POST /api/v1/sites")}, {c("PATCH /api/v1/sites/{id}")} with any subset):{" "}
        {c("name")}, {c("start_url")}, {c("max_pages")} (1–500), {c("max_depth")} (0–10),{" "}
        {c("include_patterns")}, {c("exclude_patterns")}, {c("request_timeout_ms")},{" "}
        {c("execution_mode")}, {c("agent_pool_id")}, {c("schedule_kind")} (off, hourly, daily,
        weekly, cron), {c("schedule_cron")}. Start a run with {c("POST /api/v1/runs")} and{" "}
        {c('{ "site_id": "…" }')} — the same admission and {c("429")} + {c("Retry-After")} as the CI
        trigger. {c("GET /api/v1/runs/{id}/pages")} takes {c("change")} (added, removed, changed,
        unchanged).
      </P>
      <Code>{`curl -sS -X POST "$BASE/api/v1/sites" -H "Authorization: Bearer $TOKEN" \\
  -H "content-type: application/json" \\
  -d '{"name":"Marketing site","start_url":"https://example.com/","max_pages":100}'
curl -sS -X POST "$BASE/api/v1/runs" -H "Authorization: Bearer $TOKEN" \\
  -H "content-type: application/json" -d '{"site_id":"<site id>"}'
curl -sS "$BASE/api/v1/runs/<run id>/pages?change=changed" -H "Authorization: Bearer $TOKEN"`}</Code>

      <H2 id="errors">Status codes</H2>
      <Table head={["Status and code", "When"]} rows={ERRORS.map(([s, w]) => [c(s), w])} />
    </article>
  );
}
