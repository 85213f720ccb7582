import type { Metadata } from "next";
import Link from "next/link";
import { SCOPE_DESCRIPTIONS, SCOPES } from "@/lib/credentials/api-clients/scopes";
import { buildReference } from "@/lib/machine-api/reference";
import { c, Code, FieldTable, OperationView, Table } from "./_components/reference-parts";

export const metadata: Metadata = { title: "API reference" };

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");

// Rendered from the OpenAPI document the machine API builds from its route schemas (the same
// document GET /api/openapi.json serves), so every route, parameter and answer here is real.
export default function ApiReferencePage() {
  const ref = buildReference();
  const scoped = ref.groups.flatMap((g) => g.operations).filter((op) => op.scope);
  return (
    <article className="mx-auto max-w-4xl px-6 py-16">
      <p className="text-sm text-zinc-500">
        <Link href="/docs" className="hover:underline">
          Docs
        </Link>{" "}
        / API reference
      </p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">API reference</h1>
      <p className="mt-3 text-zinc-700">
        The <strong>CI trigger</strong> and the <strong>Agent API</strong> use your paid CI API key
        ({c("sck_…")}); the <strong>REST API</strong> uses short-lived bearer tokens from an API
        client ({c("dh_live_…")} + secret), both managed on Developers → API keys. Every error is{" "}
        {c('{ "error": { "code", "message" } }')}, with {c("fields")} for invalid input. Lists are
        newest first with {c("?limit=")} (1–100, default 20) and {c("?cursor=")} from the previous
        page&apos;s {c("next_cursor")}. The machine-readable document is{" "}
        <a href="/api/openapi.json" className="text-blue-700 hover:underline">
          /api/openapi.json
        </a>{" "}
        (OpenAPI 3.1). A start at your plan&apos;s concurrent-crawl limit answers {c("429")} with{" "}
        {c("Retry-After")}: see{" "}
        <Link href="/docs/plans-and-limits#429" className="text-blue-700 hover:underline">
          Plans and limits
        </Link>
        .
      </p>
      <nav aria-label="On this page" className="mt-6 flex flex-wrap gap-4 text-sm">
        {ref.groups.map((g) => (
          <a key={g.tag} href={`#${slug(g.tag)}`} className="text-blue-700 hover:underline">
            {g.tag}
          </a>
        ))}
        <a href="#scopes" className="text-blue-700 hover:underline">
          Scopes
        </a>
        <a href="#errors" className="text-blue-700 hover:underline">
          Status codes
        </a>
        <a href="#schemas" className="text-blue-700 hover:underline">
          Schemas
        </a>
      </nav>
      <Code>{`curl -sS -X POST "$SIGNALDIFF_API_BASE_URL/api/trigger/ci" \\
  -H "x-ci-api-key: $SIGNALDIFF_CI_API_KEY" -H "content-type: application/json" \\
  -d '{"site_id":"<site id>","commit_sha":"'"$GITHUB_SHA"'","branch":"'"$GITHUB_REF_NAME"'"}'
TOKEN=$(curl -sS -X POST "$BASE/api/oauth/token" \\
  -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials | jq -r .access_token)
curl -sS "$BASE/api/v1/sites?limit=10" -H "Authorization: Bearer $TOKEN"`}</Code>

      {ref.groups.map((g) => (
        <section key={g.tag} aria-labelledby={slug(g.tag)}>
          <h2 id={slug(g.tag)} className="mt-14 scroll-mt-20 text-2xl font-semibold tracking-tight">
            {g.tag}
          </h2>
          <p className="mt-3 text-zinc-700">{g.description}</p>
          {g.operations.map((op) => (
            <OperationView key={op.id} op={op} />
          ))}
        </section>
      ))}

      <h2 id="scopes" className="mt-14 scroll-mt-20 text-2xl font-semibold tracking-tight">
        Scopes
      </h2>
      <Table head={["Scope", "Grants"]} rows={SCOPES.map((s) => [c(s), SCOPE_DESCRIPTIONS[s]])} />
      <Table
        head={["Method and path", "Scope needed"]}
        rows={scoped.map((op) => [c(`${op.method} ${op.path}`), c(op.scope ?? "")])}
      />

      <h2 id="errors" className="mt-14 scroll-mt-20 text-2xl font-semibold tracking-tight">
        Status codes
      </h2>
      <Table
        head={["Status", "When"]}
        rows={ref.statuses.map((s) => [c(s.status), s.description])}
      />

      <h2 id="schemas" className="mt-14 scroll-mt-20 text-2xl font-semibold tracking-tight">
        Schemas
      </h2>
      {ref.schemas.map((s) => (
        <section key={s.name} aria-labelledby={`schema-${slug(s.name)}`}>
          <h3 id={`schema-${slug(s.name)}`} className="mt-8 font-mono text-base font-semibold">
            {s.name}
          </h3>
          {s.fields.length > 0 ? <FieldTable fields={s.fields} /> : null}
        </section>
      ))}
    </article>
  );
}
