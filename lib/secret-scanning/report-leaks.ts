// Acting on a verified secret-scanning report (GitHub's partner format): each reported token that
// is one of our live credentials is disabled at once, audited and announced as a notice; the
// answer labels every token true_positive (ours) or false_positive, identified by its SHA-256.
// Only a reporter whose signature was verified ever gets here, so only it learns what exists.
import { z } from "zod";
import { deleteLeakedApiClient } from "@/lib/credentials/api-clients/leaked-client";
import { markCiKeyLeaked } from "@/lib/credentials/ci-keys/mark-leaked";
import { hashKey, parseKey } from "@/lib/credentials/material/key-material";
import { ciKeyLeakCondition } from "@/lib/notices/kinds/ci-key-leaked";
import { recordNotice } from "@/lib/notices/record-notice";

export const leakMatch = z.object({
  token: z.string().min(1).max(1000),
  type: z.string().min(1).max(200),
  url: z.string().max(2000).optional(),
  source: z.string().max(100).optional(),
});
export const leakReport = z.array(leakMatch).min(1).max(1000);
export type LeakMatch = z.infer<typeof leakMatch>;

export type LeakLabel = {
  token_hash: string;
  token_type: string;
  label: "true_positive" | "false_positive";
};

const REPORTER = { label: "GitHub secret scanning" };

/** Where the token was found, kept only when it is a plain https URL (it is shown to the team). */
function publicUrl(url: string | undefined): string | null {
  if (!url || url.length > 500) return null;
  try {
    return new URL(url).protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

async function handleMatch(match: LeakMatch, hash: string, now: Date): Promise<boolean> {
  const url = publicUrl(match.url);
  const metadata = { source: match.source?.slice(0, 100) ?? null, url };
  if (parseKey("ci", match.token)) {
    const result = await markCiKeyLeaked({
      secretHash: hash,
      actor: REPORTER,
      metadata,
      now,
      also: (tx, key, leakedAt) =>
        recordNotice(
          {
            teamId: key.teamId,
            kind: "ci_key_leaked",
            subjectId: key.id,
            ...ciKeyLeakCondition(key, leakedAt, url),
          },
          tx,
        ),
    });
    return result.found;
  }
  if (parseKey("clientSecret", match.token)) {
    const result = await deleteLeakedApiClient({
      secretHash: hash,
      actor: REPORTER,
      metadata,
      now,
      also: (tx, client, leakedAt) =>
        recordNotice(
          {
            teamId: client.teamId,
            kind: "api_client_leaked",
            subjectId: client.id,
            occurrence: leakedAt.toISOString(),
            data: {
              label: client.label,
              clientId: client.clientId,
              leakedAt: leakedAt.toISOString(),
              url,
            },
          },
          tx,
        ),
    });
    return result.found;
  }
  // Anything else (a public dh_live_ client id, another vendor's token) is not a secret of ours.
  return false;
}

export async function reportLeaks(
  matches: LeakMatch[],
  options: { now?: Date } = {},
): Promise<LeakLabel[]> {
  const now = options.now ?? new Date();
  const labels: LeakLabel[] = [];
  for (const match of matches) {
    // hashKey is SHA-256 hex of the whole token: both our stored hash and GitHub's token_hash.
    const hash = hashKey(match.token);
    const ours = await handleMatch(match, hash, now);
    labels.push({
      token_hash: hash,
      token_type: match.type,
      label: ours ? "true_positive" : "false_positive",
    });
  }
  return labels;
}
