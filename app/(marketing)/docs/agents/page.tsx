import type { Metadata } from "next";
import { REPOSITORY_URL } from "@/lib/product/distribution";
import { Doc, DocLink, CodeBlock } from "../_components/doc";

export const metadata: Metadata = { title: "Customer agent setup" };

const ENROLL = `npx signaldiff-agent --url https://signaldiff.example --enroll sce_… --name build-box-1`;

const FROM_CHECKOUT = `git clone ${REPOSITORY_URL} signal-diff && cd signal-diff
npm run agent -- --url https://signaldiff.example --enroll sce_… --state-dir /var/lib/signaldiff-agent`;

const SINGLE_FILE = `# The program is one file with no dependencies: copy bin/signaldiff-agent.mjs anywhere
node signaldiff-agent.mjs --url https://signaldiff.example --enroll sce_…`;

const SYSTEMD = `# /etc/systemd/system/signaldiff-agent.service
[Unit]
Description=Signal Diff customer agent
After=network-online.target
Wants=network-online.target

[Service]
User=signaldiff
# First start enrolls with the token; later starts reuse the state file (the token is single use).
ExecStart=/usr/bin/node /opt/signaldiff-agent.mjs --url https://signaldiff.example --state-dir /var/lib/signaldiff-agent --log json
Environment=SIGNALDIFF_ENROLL_TOKEN=sce_…
Restart=always
RestartSec=5
# SIGTERM: the agent finishes its run (up to --grace-ms) or returns it to the queue.
KillSignal=SIGTERM
TimeoutStopSec=30

[Install]
WantedBy=multi-user.target`;

const CONTAINER = `docker run -d --name signaldiff-agent --restart unless-stopped \\
  -v signaldiff-agent:/state -v /opt/signaldiff-agent.mjs:/agent.mjs:ro node:20 \\
  node /agent.mjs --url https://signaldiff.example --enroll sce_… --state-dir /state --log json`;

export default function AgentsDoc() {
  return (
    <Doc
      title="Customer agent setup"
      lead="Customer agents crawl sites only your network can reach — staging hosts, intranets, private IPs — and send the pages to Signal Diff, which computes and stores the diffs exactly as for cloud runs."
    >
      <h2 id="requirements">Requirements</h2>
      <ul>
        <li>
          An <strong>active paid CI API key</strong> on the team (see{" "}
          <DocLink href="/docs/api-keys">API keys lifecycle</DocLink>). Without one, enrolling is
          refused and agent runs answer <code>403</code>; a scheduled agent run is recorded as
          skipped (&quot;no active paid CI API key&quot;).
        </li>
        <li>Node.js 20 or newer on the machine, with outbound HTTPS to Signal Diff.</li>
      </ul>

      <h2 id="enroll">1. Create a pool and enroll an agent</h2>
      <ol>
        <li>
          <strong>Customer agents</strong> (<code>/agents</code>) → <strong>New pool</strong>. A
          pool groups agents that reach the same network; runs name a pool, and any online agent of
          it takes them.
        </li>
        <li>
          <strong>Enroll agent</strong> on the pool. You get a one-time enrollment token (
          <code>sce_…</code>): shown once, single use, valid for 1 hour. The dialog shows the exact
          command.
        </li>
        <li>Run it on the machine inside your network:</li>
      </ol>
      <CodeBlock code={ENROLL} label="enroll" />
      <p>
        The agent exchanges the token once for its own credential (<code>sca_…</code>), which it
        keeps in <code>agent.json</code> in its state directory with <code>0600</code> permissions
        (default <code>~/.local/state/signaldiff-agent</code>; <code>--state-dir</code> moves it).
        Signal Diff stores only a hash of it. Restarting with the same (used) token reuses the state
        file. <code>npx signaldiff-agent</code> runs the package&apos;s <code>bin</code>, a single
        file that needs only Node.js (no dependencies, no build step), so it works the same from an
        installed package, from a checkout of this repository, or copied on its own:
      </p>
      <CodeBlock code={FROM_CHECKOUT} label="checkout" />
      <CodeBlock code={SINGLE_FILE} label="single file" />

      <h2 id="runs">2. Run sites on the pool</h2>
      <ul>
        <li>
          Per site: <strong>Sites → Edit → Runs on: Customer agent</strong> and pick the pool.
        </li>
        <li>
          Per request: <code>POST /api/trigger/ci</code>, <code>POST /agent/scans</code> and{" "}
          <code>POST /api/v1/runs</code> take{" "}
          <code>&quot;execution_mode&quot;: &quot;agent&quot;</code> and{" "}
          <code>&quot;agent_pool_id&quot;</code>. An unknown or other team&apos;s pool is{" "}
          <code>404</code>; <code>agent_pool_id</code> with{" "}
          <code>execution_mode: &quot;cloud&quot;</code> is <code>400</code>.
        </li>
        <li>
          Agent runs count toward the same concurrency limit as cloud runs (Free 1, Paid 3). With no
          agent online the run waits in <code>queued</code> (&quot;waiting for an agent in pool
          …&quot;) and fails after 10 minutes (<code>AGENT_QUEUE_TIMEOUT_SECONDS</code>).
        </li>
      </ul>

      <h2 id="service">3. Run it as a service</h2>
      <p>
        Start the program with <code>node</code> directly, not through <code>npx</code> or{" "}
        <code>npm run</code>: npm does not pass SIGTERM on to it, so a service manager that signals
        only the main process would cut a run short instead of letting the agent finish or return
        it. systemd:
      </p>
      <CodeBlock code={SYSTEMD} label="systemd" />
      <p>Container (state in a named volume, so restarts keep the credential):</p>
      <CodeBlock code={CONTAINER} label="container" />
      <p>
        Options: <code>--name</code> (default: hostname), <code>--log json|pretty</code>,{" "}
        <code>--concurrency N</code> (parallel requests, default 6), <code>--grace-ms N</code> (how
        long a run may finish after SIGINT/SIGTERM before it is returned to the queue, default 10
        s), <code>--allow-metadata</code>. The agent may reach private addresses — that is its
        purpose — but cloud-metadata addresses (169.254.0.0/16, 100.100.100.200, 192.0.0.192,
        fd00:ec2::/64) are refused unless <code>--allow-metadata</code> is given.
      </p>

      <h2 id="rotation">4. Rotation, re-enrollment and revoking</h2>
      <ul>
        <li>
          Rotating or revoking a CI API key does <strong>not</strong> touch agents: enrolled agents
          keep working (agent runs still need some active paid key on the team).
        </li>
        <li>
          To replace an agent&apos;s credential, enroll again with a new token and the same{" "}
          <code>--name</code> in the same pool: the old credential gets <code>401</code> on its next
          request.
        </li>
        <li>
          <strong>Revoke</strong> on the Customer agents page (or{" "}
          <code>DELETE /api/v1/agents/{"{id}"}</code>) stops the credential at once. A run it was
          crawling fails when its lease lapses.
        </li>
        <li>
          Every enrollment token issued, token used, enrollment, re-enrollment and revoke is in
          Settings → Audit log.
        </li>
      </ul>

      <h2 id="troubleshooting">5. Troubleshooting</h2>
      <ul>
        <li>
          <strong>&quot;enrollment token refused&quot;</strong> — the token expired (1 hour), was
          already used or is mistyped. Create a new one.
        </li>
        <li>
          <strong>&quot;agent credential refused&quot;</strong> (exit code 3) — the agent was
          revoked or re-enrolled elsewhere under the same name. Enroll it again.
        </li>
        <li>
          <strong>&quot;server unreachable; reconnecting&quot;</strong> — the agent retries with
          backoff (1 s doubling to 30 s); check outbound HTTPS to your Signal Diff URL.
        </li>
        <li>
          <strong>Runs stay queued</strong> — no agent of the pool is online (Customer agents shows
          each agent&apos;s status and last seen). The run fails after the queue timeout.
        </li>
        <li>
          <strong>Run failed: &quot;stopped responding&quot;</strong> — the agent died or lost its
          connection mid-run; the lease (30 s) lapsed and the slot was freed.
        </li>
      </ul>
    </Doc>
  );
}
