import type { Metadata } from "next";
import { Doc, DocLink, CodeBlock } from "../_components/doc";

export const metadata: Metadata = { title: "API clients and OAuth" };

const TOKEN = `curl -sS -X POST "$SIGNALDIFF_API_BASE_URL/api/oauth/token" \\
  -u "$CLIENT_ID:$CLIENT_SECRET" \\
  -d grant_type=client_credentials
# {"access_token":"eyJ…","token_type":"Bearer","expires_in":3600,"scope":"full"}

curl -sS "$SIGNALDIFF_API_BASE_URL/api/v1/team" -H "Authorization: Bearer $ACCESS_TOKEN"`;

export default function ApiClientsDoc() {
  return (
    <Doc
      title="API clients and OAuth"
      lead="API keys authenticate your requests to the REST API and identify which team's resources you are accessing."
    >
      <h2 id="creating">Creating a key</h2>
      <ol>
        <li>Go to Developers → API keys (Settings → API keys leads there too).</li>
        <li>
          Click <strong>New API key</strong>.
        </li>
        <li>
          Give it a descriptive label (e.g. <code>production-server</code>, <code>ci-pipeline</code>
          ), choose its scopes and an optional expiration (never, 30, 90 or 365 days, or a date).
        </li>
        <li>Copy the Client ID and Client secret immediately — the secret is shown only once.</li>
      </ol>
      <p>
        The Client ID is your public identifier: it starts with <code>dh_live_</code>. The list
        shows each key by label and full Client ID so you can copy the id anytime; the secret is
        never shown again (we keep only a hash). If you forget to copy the secret, delete the key
        and create a new one.
      </p>

      <h2 id="tokens">Getting a token</h2>
      <p>
        Exchange the credentials for a bearer token with the OAuth 2.0 client-credentials grant (RFC
        6749 §4.4), using HTTP Basic authentication or <code>client_id</code>/
        <code>client_secret</code> in the form or JSON body:
      </p>
      <CodeBlock code={TOKEN} label="token request" />
      <p>
        Tokens are JWTs (RFC 9068, <code>typ: at+jwt</code>) signed with EdDSA and valid for at most
        24 hours (never past the key&apos;s own expiry). Public keys are at{" "}
        <code>/.well-known/jwks.json</code>, so you can verify them yourself. Send an optional{" "}
        <code>scope</code> parameter to get a narrower token than the key allows.
      </p>

      <h2 id="scopes">Key permissions (scopes)</h2>
      <ul>
        <li>
          <code>full</code> (default) — sites, runs, logs and team settings: read and write.
        </li>
        <li>
          <code>read</code> — GET requests only, on every resource.
        </li>
        <li>
          <code>runs:write</code> — start and cancel runs (add <code>read</code> to poll them).
        </li>
        <li>
          <code>logs:read</code> — run logs and pages only.
        </li>
      </ul>
      <p>A request outside the token&apos;s scopes gets 403 naming the scope it needs.</p>

      <h2 id="rotating">Rotating a key</h2>
      <ol>
        <li>Create a new key and update your applications to use it.</li>
        <li>Verify the new key is working in production.</li>
        <li>Delete the old key from Developers → API keys.</li>
      </ol>
      <p>
        There is no shortcut that replaces an API key in place — follow create → migrate → delete to
        avoid downtime.
      </p>

      <h2 id="revoking">Revoking a key</h2>
      <p>
        Delete the key. Revocation is instant — the key can no longer be used to request new tokens.
        Bearer tokens already issued with it remain valid until they expire (up to 24 hours after
        they were issued), unless you tick <strong>Also invalidate tokens already issued</strong>{" "}
        when deleting.
      </p>

      <h2 id="best-practices">Key security best practices</h2>
      <ul>
        <li>
          Never commit keys to source control. Use environment variables or a secrets manager.
        </li>
        <li>Use one key per environment, so you can revoke one without affecting the others.</li>
        <li>Rotate keys periodically: the list flags keys older than 90 days.</li>
        <li>
          If a key appears in a public repository or log, delete it immediately and create a new
          one. Secrets pushed to public GitHub repositories are reported to us by GitHub&apos;s
          secret scanning: the key is then deleted for you, its issued tokens stop working at once,
          and the team gets a notice (see{" "}
          <DocLink href="/docs/api-keys#leaked-keys">Leaked keys and notices</DocLink>).
        </li>
      </ul>
      <p>
        Errors: see{" "}
        <DocLink href="/docs/troubleshooting">Troubleshooting authentication errors</DocLink>.
      </p>
    </Doc>
  );
}
