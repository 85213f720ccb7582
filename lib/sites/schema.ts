// The site input rules, shared by the dashboard form (FormData strings) and the REST API (JSON).
import { z } from "zod";
import { withoutNul } from "@/lib/pg-text";
import { cronError, SCHEDULE_KINDS } from "@/lib/schedules/schedule";

export const MAX_PAGES_CAP = 500;
export const MAX_DEPTH_CAP = 10;

/** Accepts an array or a newline/comma separated string (a textarea). */
const patternList = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .split(/[\n,]/)
          .map((s) => s.trim())
          .filter(Boolean)
      : v == null
        ? []
        : v,
  z
    .array(
      withoutNul(
        z.string().trim().max(200, "Keep each pattern under 200 characters."),
        "A pattern",
      ).refine((p) => p.startsWith("/"), "Patterns are paths and start with /, e.g. /blog/*."),
    )
    .max(20, "Use at most 20 patterns."),
);

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

const startUrl = withoutNul(
  z
    .string({ error: "Enter the URL to start crawling from." })
    .trim()
    .min(1, "Enter the URL to start crawling from.")
    .max(2000, "Keep the URL under 2,000 characters."),
  "The URL",
)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a full URL, e.g. https://example.com/." });
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:")
      ctx.addIssue({ code: "custom", message: "Only http:// and https:// URLs can be crawled." });
    else if (url.username || url.password)
      ctx.addIssue({ code: "custom", message: "Remove the user name and password from the URL." });
  })
  .transform((value) => {
    const url = new URL(value);
    url.hash = "";
    return url.toString();
  });

/** Every field of a site, without cross-field rules (so it can be made partial for updates). */
export const siteFieldsSchema = z.object({
  name: withoutNul(
    z
      .string({ error: "Give the site a name." })
      .trim()
      .min(1, "Give the site a name.")
      .max(80, "Use at most 80 characters."),
    "The name",
  ),
  startUrl,
  maxPages: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "Enter a number." })
      .int("Enter a whole number.")
      .min(1, "Crawl at least 1 page.")
      .max(MAX_PAGES_CAP, `At most ${MAX_PAGES_CAP} pages per run.`)
      .default(50),
  ),
  maxDepth: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "Enter a number." })
      .int("Enter a whole number.")
      .min(0, "Depth starts at 0 (the start page only).")
      .max(MAX_DEPTH_CAP, `At most ${MAX_DEPTH_CAP} links deep.`)
      .default(3),
  ),
  includePatterns: patternList.default([]),
  excludePatterns: patternList.default([]),
  requestTimeoutMs: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "Enter a number." })
      .int("Enter a whole number of milliseconds.")
      .min(1000, "At least 1,000 ms.")
      .max(60000, "At most 60,000 ms.")
      .default(10000),
  ),
  executionMode: z.enum(["cloud", "agent"], { error: "Choose cloud or agent." }).default("cloud"),
  agentPoolId: z.preprocess(
    emptyToUndefined,
    withoutNul(z.string().trim().max(100), "The agent pool").nullish(),
  ),
  scheduleKind: z
    .enum(SCHEDULE_KINDS, { error: "Choose off, hourly, daily, weekly or cron." })
    .default("off"),
  scheduleCron: z.preprocess(
    emptyToUndefined,
    withoutNul(z.string().trim().max(100), "The cron expression").nullish(),
  ),
});

type SiteFields = z.infer<typeof siteFieldsSchema>;

/** Rules that span fields: an agent site names its pool, a cron schedule has a valid expression. */
export function checkSiteRules(site: SiteFields, ctx: z.RefinementCtx) {
  if (site.executionMode === "agent" && !site.agentPoolId)
    ctx.addIssue({
      code: "custom",
      path: ["agentPoolId"],
      message: "Choose the agent pool that runs this site.",
    });
  if (site.scheduleKind === "cron") {
    const problem = cronError(site.scheduleCron ?? "");
    if (problem) ctx.addIssue({ code: "custom", path: ["scheduleCron"], message: problem });
  }
}

export const siteInputSchema = siteFieldsSchema.superRefine(checkSiteRules);
export type SiteInput = z.input<typeof siteInputSchema>;
export type SiteData = z.output<typeof siteInputSchema>;

/** For updates: any subset of fields; the merged site is checked again with siteInputSchema. */
export type SiteUpdate = Partial<SiteInput>;
