// "A key was reported leaked" for an API client secret: the report deleted the client and
// invalidated its tokens, so there is nothing left to restore — the notice stays until dismissed.
import type { NoticeProducer } from "./types";

export const apiClientLeaked: NoticeProducer = {
  kind: "api_client_leaked",
  describe: (d, date) => ({
    title: `API client “${d.get("label")}” was reported leaked`,
    text: `Its secret was found in public${d.get("url") ? ` (${d.get("url")})` : ""} on ${date(d.get("leakedAt"))}, so the client ${d.get("clientId")} was deleted and its issued tokens invalidated. Create a new API client and update your integrations.`,
    href: "/developers/api-keys",
    action: "Create an API client",
  }),
};
