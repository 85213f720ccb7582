import type { Metadata } from "next";
import { Doc, DocLink } from "../_components/doc";

export const metadata: Metadata = { title: "Troubleshooting" };

export default function TroubleshootingDoc() {
  return (
    <Doc title="Troubleshooting" lead="What 401, 403 and 429 answers mean and how to fix them.">
      <h2 id="401">401 Unauthorized</h2>
      <p>Credentials are missing, malformed, expired, or the key has been revoked.</p>
      <h3>CI API keys (x-ci-api-key)</h3>
      <ul>
        <li>
          Missing, mistyped, unknown, expired, rotated-away and revoked keys all get the same
          answer, so check each: is the secret <code>SIGNALDIFF_CI_API_KEY</code> set in this
          repository, copied whole (it starts with <code>sck_</code>), and does its prefix match an{" "}
          <em>Active</em> or <em>Trialing</em> key on Developers → API keys?
        </li>
        <li>
          If the key was rotated, update the secret everywhere; the old value stopped working at the
          moment of rotation.
        </li>
        <li>If the subscription lapsed, the key expired: start a new checkout on Pricing.</li>
      </ul>
      <h3>API clients (REST API)</h3>
      <ul>
        <li>
          The REST API takes a JWT from <code>POST /api/oauth/token</code> in{" "}
          <code>Authorization: Bearer …</code> — not the client secret itself.
        </li>
        <li>
          Tokens expire (see <code>expires_in</code>): request a new one. A deleted key can no
          longer get tokens; an expired key neither.
        </li>
        <li>
          The token endpoint answers <code>invalid_client</code> for a wrong id or secret, a deleted
          or an expired key.
        </li>
      </ul>
      <h2 id="403">403 Forbidden</h2>
      <ul>
        <li>
          The key is valid but does not have access to the requested resource — for example a site
          belonging to a different team. Each key belongs to exactly one team.
        </li>
        <li>
          The token lacks a scope: the message names the scope the request needs (e.g.{" "}
          <code>full</code> to change team settings). Create a key with that scope, or request the
          token without narrowing its scope.
        </li>
      </ul>
      <h2 id="429">429 Too Many Requests</h2>
      <ul>
        <li>
          Starting a run at your plan&apos;s concurrent crawl limit (Free 1, Paid 3). Wait for a run
          to finish or cancel one; <code>Retry-After</code> says when to try again. See{" "}
          <DocLink href="/docs/plans-and-limits#429">Plans and limits</DocLink>.
        </li>
        <li>
          Token requests are limited per client id and per IP; rotation of a CI key is limited per
          key and team.
        </li>
      </ul>
      <p>
        More: <DocLink href="/docs/api-keys">API keys lifecycle</DocLink> ·{" "}
        <DocLink href="/docs/api-clients">API clients and OAuth</DocLink> ·{" "}
        <DocLink href="/docs/ci">CI setup</DocLink>
      </p>
    </Doc>
  );
}
