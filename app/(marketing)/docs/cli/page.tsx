import type { Metadata } from "next";
import { HELP } from "@/cli/args";
import { CodeBlock, Doc, DocLink } from "../_components/doc";
import {
  AGENT_MODE,
  ERROR_JSON,
  FROM_CHECKOUT,
  JSON_SCRIPT,
  LIST_COMMANDS,
  TRIGGER_JSON,
} from "../ci/snippets";

export const metadata: Metadata = { title: "signaldiff CLI reference" };

export default function CliReferenceDoc() {
  return (
    <Doc
      title="signaldiff CLI reference"
      lead="Start runs, wait for verdicts, and list runs and sites from any shell or pipeline, with your team's CI API key."
    >
      <h2 id="install">Getting it</h2>
      <p>
        One file with no dependencies, <code>cli/signaldiff.mjs</code> in the Signal Diff
        repository, run with Node.js 20 or newer. From a checkout (or with the package installed) it
        is the package&apos;s <code>signaldiff</code> command:
      </p>
      <CodeBlock code={FROM_CHECKOUT} label="run from a checkout" />
      <p>
        In CI, download the file at a pinned tag — see{" "}
        <DocLink href="/docs/ci#other-ci">CI and GitHub Actions setup</DocLink>.
      </p>

      <h2 id="usage">Commands</h2>
      <CodeBlock code={HELP.main} label="usage" />

      <h2 id="trigger">trigger</h2>
      <CodeBlock code={HELP.trigger} label="trigger help" />
      <p>
        With <code>--wait</code> the CLI follows the run: on a terminal one live line (status, pages
        done of planned, changes so far); in a CI log a plain line when the status changes and at
        most every 10 s while pages are crawled. Then it prints the verdict, each changed, added or
        removed page and the run&apos;s URL. <code>SIGNALDIFF_POLL_INTERVAL_MS</code> changes how
        often it asks (default 2000).
      </p>
      <p>
        Customer agents: with <code>--execution-mode agent --pool YOUR_POOL_ID</code> the crawl runs
        on an agent enrolled in that pool (see{" "}
        <DocLink href="/docs/agents">Customer agents</DocLink>), and <code>--wait</code> follows it
        and reports its verdict and changed pages exactly like a cloud run. Without{" "}
        <code>--pool</code> the site&apos;s pool is used; a site without one, or a pool that is not
        your team&apos;s, is refused (<code>400</code> / <code>404</code>) and the CLI prints the
        API&apos;s message with exit code <code>5</code>. A run no agent of the pool picks up within
        the queue timeout (10 minutes by default) fails with a message naming the pool: exit code{" "}
        <code>2</code>.
      </p>
      <CodeBlock code={AGENT_MODE} label="agent mode" />

      <h2 id="runs-sites">runs and sites</h2>
      <CodeBlock code={LIST_COMMANDS} label="list commands" />
      <p>
        They use the Agent API (<code>GET /agent/runs</code>, <code>GET /agent/runs/{"{id}"}</code>,{" "}
        <code>POST /agent/runs/{"{id}"}/cancel</code>, <code>GET /agent/sites</code>) with the same
        key. A full page prints the command for the next one (<code>--cursor</code>).
      </p>

      <h2 id="json">JSON output</h2>
      <p>
        With <code>--json</code>, stdout holds exactly one JSON document and everything else
        (progress, notices, the error line) goes to stderr, so the output can be piped to{" "}
        <code>jq</code>. These shapes are stable: fields may be added, never renamed or removed.
      </p>
      <CodeBlock code={JSON_SCRIPT} label="JSON in a script" />
      <h3 id="json-trigger">trigger --json</h3>
      <CodeBlock code={TRIGGER_JSON} label="trigger JSON" />
      <ul>
        <li>
          <code>verdict</code> — <code>started</code> (without <code>--wait</code>),{" "}
          <code>no_changes</code>, <code>changes</code>, <code>failed</code>, <code>cancelled</code>{" "}
          or <code>timed_out</code>; <code>exit_code</code> is the process&apos;s exit code.
        </li>
        <li>
          <code>changed_pages</code> — changed, then added, then removed pages; <code>counts</code>{" "}
          and <code>run</code> are <code>null</code> without <code>--wait</code>. <code>run</code>{" "}
          is the run as <code>GET /agent/runs/{"{id}"}</code> returns it, without its pages
          (abridged above).
        </li>
      </ul>
      <h3 id="json-lists">runs list, runs show, runs cancel, sites list --json</h3>
      <p>
        The Agent API&apos;s own answers, unchanged:{" "}
        <code>{`{ "data": [...], "next_cursor" }`}</code> for lists, the run (with{" "}
        <code>pages</code> for <code>runs show</code>) otherwise. See the{" "}
        <DocLink href="/docs/api">API reference</DocLink> for every field.
      </p>
      <h3 id="json-errors">Errors</h3>
      <CodeBlock code={ERROR_JSON} label="error JSON" />

      <h2 id="exit-codes">Exit codes and the limit</h2>
      <p>
        <code>0</code> no changes (or changes without <code>--fail-on-changes</code>),{" "}
        <code>1</code> changes with <code>--fail-on-changes</code>, <code>2</code> run failed,
        cancelled or timed out, <code>3</code> key refused, <code>4</code> limit still reached at
        the timeout, <code>5</code> bad usage or input. A <code>429</code> is retried after its{" "}
        <code>Retry-After</code> until <code>--timeout</code> — details in{" "}
        <DocLink href="/docs/ci#exit-codes">CI and GitHub Actions setup</DocLink> and{" "}
        <DocLink href="/docs/plans-and-limits#429">Plans and limits</DocLink>.
      </p>
    </Doc>
  );
}
