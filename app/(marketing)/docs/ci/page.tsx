import type { Metadata } from "next";
import { Doc, DocLink, CodeBlock } from "../_components/doc";

export const metadata: Metadata = { title: "CI and GitHub Actions setup" };

const WORKFLOW = `name: Signal Diff
on:
  deployment_status:
jobs:
  diff:
    if: github.event.deployment_status.state == 'success'
    runs-on: ubuntu-latest
    steps:
      - name: Trigger a Signal Diff run
        env:
          SIGNALDIFF_CI_API_KEY: \${{ secrets.SIGNALDIFF_CI_API_KEY }}
          SIGNALDIFF_API_BASE_URL: \${{ secrets.SIGNALDIFF_API_BASE_URL }}
        run: |
          curl --fail-with-body -sS -X POST "$SIGNALDIFF_API_BASE_URL/api/trigger/ci" \\
            -H "x-ci-api-key: $SIGNALDIFF_CI_API_KEY" \\
            -H "content-type: application/json" \\
            -d '{"site_id":"YOUR_SITE_ID","commit_sha":"\${{ github.sha }}","branch":"\${{ github.ref_name }}","repository":"\${{ github.repository }}","run_url":"\${{ github.server_url }}/\${{ github.repository }}/actions/runs/\${{ github.run_id }}"}'`;

export default function CiGuideDoc() {
  return (
    <Doc
      title="CI and GitHub Actions setup"
      lead="Start a Signal Diff run from your pipeline after every deploy, with your paid CI API key."
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
          <code>https://signaldiff.example</code> — no <code>/api</code> suffix and no trailing
          slash.
        </li>
      </ol>

      <h2 id="workflow">2. Add a workflow</h2>
      <CodeBlock code={WORKFLOW} label="workflow" />
      <p>
        A successful trigger answers <code>202</code> with{" "}
        <code>{`{ "run_id", "status", "url" }`}</code>. Other CI systems send the same request: the
        key goes in the <code>x-ci-api-key</code> header, never in the URL.
      </p>

      <h2 id="answers">3. What the answers mean</h2>
      <ul>
        <li>
          <code>401</code> — the key is missing, mistyped, expired, rotated away or revoked (one
          identical answer for all). See{" "}
          <DocLink href="/docs/troubleshooting">Troubleshooting</DocLink>.
        </li>
        <li>
          <code>404</code> — the site id is not in the key&apos;s team.
        </li>
        <li>
          <code>429</code> — your plan&apos;s concurrent crawl limit is reached; retry after the{" "}
          <code>Retry-After</code> seconds. See{" "}
          <DocLink href="/docs/plans-and-limits#429">Plans and limits</DocLink>.
        </li>
      </ul>

      <h2 id="rotation">Rotating the key</h2>
      <p>
        Rotation replaces the secret at once: update <code>SIGNALDIFF_CI_API_KEY</code> in every
        repository right after rotating. See the{" "}
        <DocLink href="/docs/api-keys">API keys lifecycle</DocLink>.
      </p>
    </Doc>
  );
}
