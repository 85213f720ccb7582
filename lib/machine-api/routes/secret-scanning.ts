// POST /api/secret-scanning/github — leaked-token reports in GitHub's secret-scanning partner
// format: the signature is checked on the raw body before anything is parsed or looked up, so an
// unverified caller learns nothing about which tokens exist.
import { createRoute, z } from "@hono/zod-openapi";
import { DomainError, parseOrThrow } from "@/lib/errors";
import { containsNul, readBytes } from "@/lib/http/read-body";
import { errorResponses, ErrorSchema, jsonContent } from "@/lib/machine-api/schemas";
import type { MachineApp } from "@/lib/machine-api/types";
import { KeysUnavailableError } from "@/lib/secret-scanning/github-keys";
import { githubKeySet } from "@/lib/secret-scanning/key-set";
import { leakReport, reportLeaks } from "@/lib/secret-scanning/report-leaks";

/** 1,000 matches of ~500 bytes each, with room to spare. */
const MAX_REPORT_BYTES = 1024 * 1024;

const LabelSchema = z
  .object({
    token_hash: z.string().openapi({ description: "SHA-256 (hex) of the reported token." }),
    token_type: z.string().openapi({ description: "The type GitHub sent with the token." }),
    label: z.enum(["true_positive", "false_positive"]).openapi({
      description:
        "true_positive: one of our credentials (an active one is now disabled); false_positive: not ours.",
    }),
  })
  .openapi("SecretScanningLabel");

const EXAMPLE_BODY = [
  {
    token: "sck_EXAMPLE_not_a_real_key",
    type: "signal_diff_ci_api_key",
    url: "https://github.com/octo-org/octo-repo/blob/1a2b3c/ci.yml",
    source: "content",
  },
];

export const githubSecretScanningRoute = createRoute({
  method: "post",
  path: "/api/secret-scanning/github",
  tags: ["Secret scanning"],
  summary: "Report leaked tokens (GitHub secret-scanning partner program)",
  description:
    "GitHub signs the raw body with ECDSA P-256 / SHA-256; the key named by Github-Public-Key-Identifier is one of those published at GITHUB_SECRET_SCANNING_KEYS_URL (GitHub's https://api.github.com/meta/public_keys/secret_scanning by default). An active CI API key (sck_…) in the report is disabled at once (Leaked — rotate to restore); an API client secret (dh_secret_…) deletes its client and invalidates its issued tokens. Both are audited and shown to the team as notices.",
  security: [{}],
  request: {
    headers: z.object({
      "github-public-key-identifier": z.string().optional().openapi({
        description: "Which of GitHub's public keys signed the body.",
        example: "bcb53661c06b4728e59d897fb6165d5c9cda0fd9cdf9d09ead458168deb7518c",
      }),
      "github-public-key-signature": z.string().optional().openapi({
        description: "Base64 of the DER-encoded ECDSA signature of the raw body.",
        example:
          "MEQCIQDaMKqrGnE27S0kgMrEK0eYBmyG0LeZismAEz/BgZyt7AIfXt9fErtRS4XaeSt/AO1RtBY66YcAdjxji410VQV4xg==",
      }),
    }),
    // Plain JSON Schema, not zod: the signature is checked on the raw bytes before any parsing.
    body: {
      required: true,
      content: {
        "application/json": {
          schema: {
            type: "array" as const,
            items: {
              type: "object" as const,
              required: ["token", "type"],
              properties: {
                token: { type: "string" as const },
                type: { type: "string" as const },
                url: { type: "string" as const },
                source: { type: "string" as const },
              },
            },
          },
          example: EXAMPLE_BODY,
        },
      },
    },
  },
  responses: {
    200: jsonContent(z.array(LabelSchema), "One label per reported token, in order.", [
      {
        token_hash: "5c2fd2d3f8e7a1b4c6d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5",
        token_type: "signal_diff_ci_api_key",
        label: "true_positive",
      },
    ]),
    400: {
      description: "A verified report that is not the documented JSON array",
      content: {
        "application/json": {
          schema: ErrorSchema,
          example: { error: { code: "invalid_request", message: "The report is invalid." } },
        },
      },
    },
    401: {
      description: "Missing or bad signature, or a key identifier GitHub does not publish",
      content: {
        "application/json": {
          schema: ErrorSchema,
          example: {
            error: { code: "unauthorized", message: "The report's signature is not valid." },
          },
        },
      },
    },
    ...errorResponses(413),
    503: {
      description: "GitHub's public keys could not be fetched; GitHub retries the report",
      content: {
        "application/json": {
          schema: ErrorSchema,
          example: {
            error: {
              code: "upstream_unavailable",
              message: "GitHub's public keys are unavailable; try again later.",
            },
          },
        },
      },
    },
  },
});

const badSignature = () =>
  new DomainError("The report's signature is not valid.", { code: "unauthorized" });

export function registerSecretScanningRoutes(app: MachineApp) {
  app.openapi(githubSecretScanningRoute, async (c) => {
    const body = await readBytes(c.req.raw, MAX_REPORT_BYTES);
    const keyId = c.req.header("github-public-key-identifier") ?? "";
    const signature = c.req.header("github-public-key-signature") ?? "";
    let verified: boolean;
    try {
      verified = await githubKeySet().verify(body, keyId, signature);
    } catch (error) {
      if (!(error instanceof KeysUnavailableError)) throw error;
      throw new DomainError("GitHub's public keys are unavailable; try again later.", {
        code: "upstream_unavailable",
        retryAfter: 60,
      });
    }
    if (!verified) throw badSignature();
    let value: unknown;
    try {
      value = JSON.parse(body.toString("utf8"));
    } catch {
      throw new DomainError("The report is not valid JSON.");
    }
    // PostgreSQL text refuses NUL; the source is audited, so refuse it here like any JSON body.
    if (containsNul(value)) throw new DomainError("The report must not contain NUL characters.");
    const matches = parseOrThrow(leakReport, value, "report");
    return c.json(await reportLeaks(matches), 200);
  });
}
