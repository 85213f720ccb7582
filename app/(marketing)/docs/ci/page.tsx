import type { Metadata } from "next";
import { CodeBlock, Doc, DocLink } from "../_components/doc";
import { CIRCLECI, GITLAB, KEY_STDIN, SHELL, WORKFLOW } from "./snippets";

export const metadata: Metadata = { title: "CI and GitHub Actions setup" };

export default function CiGuideDoc() {
  return (
    <Doc
      title="CI and GitHub Actions setup"
      lead="Check your site after every deploy: the Signal Diff Action (or the signaldiff CLI in any other CI) starts a run with your paid CI API key, waits for the verdict and lists the changed pages."
    >
      <h2 id="secrets">1. Store the key and the origin</h2>
      <ol>
        <li>
          Copy the CI API key from the one-time banner on Developers → API keys (after checkout or
          rotation). Lost it? Rotate the key to get a new secret.
        </li>
        <li>
          In GitHub: repository → Settings → Secrets and variables → Actions → New repository
          secret. Name it <code>SIGNALDIFF_CI_API_KEY</code>.
        </li>
        <li>
          Add <code>SIGNALDIFF_API_BASE_URL</code> with your Signal Diff origin, e.g.{" "}
          <code>https://signaldiff.example</code> — no <code>/api</code> suffix (the CLI drops one
          and says so).
        </li>
        <li>
          Note the site&apos;s id: it is in the site&apos;s address (<code>/sites/&lt;id&gt;</code>
          ), or run <code>signaldiff sites list</code>.
        </li>
      </ol>

      <h2 id="workflow">2. Add the Action after your deploy job</h2>
      <CodeBlock code={WORKFLOW} label="workflow" />
      <p>
        The <code>signal-diff</code> job runs once <code>deploy</code> succeeded. The Action masks
        the key in the log, starts a run with the commit SHA, the branch, the environment and a link
        back to the workflow run, prints progress while the site is crawled, and writes a job
        summary: the verdict, a table of changed, added and removed pages with links, and the
        run&apos;s URL. It runs the <DocLink href="/docs/cli">signaldiff CLI</DocLink> with the
        runner&apos;s Node.js (20 or newer; GitHub-hosted runners have it, self-hosted runners may
        need <code>actions/setup-node</code>) — no install or build step.
      </p>
      <h3 id="inputs">Inputs</h3>
      <ul>
        <li>
          <code>site-id</code> (required) — the site to crawl.
        </li>
        <li>
          <code>environment</code> — run metadata shown on the run: the environment you deployed to.
        </li>
        <li>
          <code>wait</code> (default <code>true</code>) — follow the run to its end;{" "}
          <code>false</code> only starts it.
        </li>
        <li>
          <code>fail-on-changes</code> (default <code>false</code>) — fail the step when pages
          changed, were added or were removed.
        </li>
        <li>
          <code>timeout</code> (default <code>15m</code>) — how long to retry a full concurrency
          limit and to wait for the run, together.
        </li>
        <li>
          <code>execution-mode</code> (<code>cloud</code> or <code>agent</code>) and{" "}
          <code>agent-pool-id</code> — run the crawl on a customer agent pool instead of the
          site&apos;s own setting.
        </li>
      </ul>
      <h3 id="outputs">Outputs</h3>
      <ul>
        <li>
          <code>run-id</code>, <code>run-url</code> — the run and its page in Signal Diff.
        </li>
        <li>
          <code>status</code> — <code>queued</code> (without wait), <code>succeeded</code>,{" "}
          <code>succeeded_with_errors</code>, <code>failed</code>, <code>cancelled</code>, or{" "}
          <code>error</code> when no run started (bad key, limit, bad input).
        </li>
        <li>
          <code>changed-pages</code> — a JSON array <code>{`[{ "url", "change", "title" }]`}</code>{" "}
          of changed, added and removed pages (use <code>fromJSON(…)</code>).
        </li>
      </ul>

      <h2 id="other-ci">3. Other CI systems: the CLI</h2>
      <p>
        The CLI is one file, <code>cli/signaldiff.mjs</code>, with no dependencies: download it at
        the tag you use for the Action and run it with Node.js 20+. Store{" "}
        <code>SIGNALDIFF_CI_API_KEY</code> as a masked secret variable and{" "}
        <code>SIGNALDIFF_API_BASE_URL</code> beside it.
      </p>
      <h3 id="gitlab">GitLab CI</h3>
      <CodeBlock code={GITLAB} label="GitLab CI job" />
      <h3 id="circleci">CircleCI</h3>
      <CodeBlock code={CIRCLECI} label="CircleCI config" />
      <h3 id="shell">A plain shell</h3>
      <CodeBlock code={SHELL} label="shell commands" />
      <p>
        There is no <code>--key</code> flag: a key typed on a command line lands in shell history
        and process lists. Besides the environment variable, <code>--key-stdin</code> reads it from
        a pipe:
      </p>
      <CodeBlock code={KEY_STDIN} label="key from a pipe" />

      <h2 id="exit-codes">4. Exit codes</h2>
      <ul>
        <li>
          <code>0</code> — the run finished without changes, or with changes and no{" "}
          <code>--fail-on-changes</code> (and any other command that succeeded).
        </li>
        <li>
          <code>1</code> — changes found, with <code>--fail-on-changes</code>.
        </li>
        <li>
          <code>2</code> — the run failed, was cancelled, or did not finish within{" "}
          <code>--timeout</code> (it keeps running).
        </li>
        <li>
          <code>3</code> — the key was refused (<code>401</code>): missing, mistyped, expired,
          rotated away or revoked. See{" "}
          <DocLink href="/docs/troubleshooting">Troubleshooting</DocLink>.
        </li>
        <li>
          <code>4</code> — your plan&apos;s concurrent crawl limit was reached and still refused
          when the timeout ran out.
        </li>
        <li>
          <code>5</code> — bad usage or input: a flag, a missing setting, an unknown site, a request
          the API refused (e.g. <code>400</code> for agent mode on a site without an agent pool, or{" "}
          <code>404</code> for an unknown pool), or an origin that cannot be reached.
        </li>
      </ul>
      <p>
        Pages that could not be fetched (status <code>succeeded_with_errors</code>) are reported but
        do not change the exit code.
      </p>

      <h2 id="rate-limits">5. The concurrency limit (429)</h2>
      <p>
        Every plan caps how many crawls run at once (see{" "}
        <DocLink href="/docs/plans-and-limits#429">Plans and limits</DocLink>). When a trigger is
        refused with <code>429</code>, the CLI and the Action wait the <code>Retry-After</code>{" "}
        seconds the API sends (30) and try again, printing each retry, until <code>--timeout</code>{" "}
        runs out; then they exit with <code>4</code>. Waiting for the run shares the same timeout.
        Polling the run is not limited.
      </p>

      <h2 id="rotation">Rotating the key</h2>
      <p>
        Rotation replaces the secret at once: update <code>SIGNALDIFF_CI_API_KEY</code> in every
        repository right after rotating. See the{" "}
        <DocLink href="/docs/api-keys">API keys lifecycle</DocLink>. To call the API without the
        CLI, see <DocLink href="/docs/api">the API reference</DocLink> (
        <code>POST /api/trigger/ci</code>).
      </p>
    </Doc>
  );
}
