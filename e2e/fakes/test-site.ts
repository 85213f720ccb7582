// The local website the e2e tests crawl (never the internet). GET /__version/N switches the
// content, so a second run sees changes; /slow/ pages answer slowly so a run stays running.
import { page, startSiteServer, type Route } from "../../test/site-server";
import { e2ePorts } from "../ports";

let version = 1;

function route(path: string): Route | null {
  const switchTo = /^\/__version\/(\d+)$/.exec(path);
  if (switchTo) {
    version = Number(switchTo[1]);
    return { contentType: "application/json", body: JSON.stringify({ version }) };
  }
  if (path === "/health") return { contentType: "text/plain", body: "ok" };
  if (path === "/robots.txt")
    return { contentType: "text/plain", body: "User-agent: *\nDisallow: /admin/\n" };
  if (path === "/")
    return page(
      "Acme home",
      [version === 1 ? "Ship faster with Acme." : "Ship safely with Acme.", "Trusted by teams."],
      ["/about", "/pricing", "/admin/", version === 1 ? "/legacy" : "/changelog"],
    );
  if (path === "/about") return page("About Acme", ["We build rockets."], ["/"]);
  if (path === "/pricing")
    return page("Pricing", [version === 1 ? "Pro costs $10." : "Pro costs $12."], ["/"]);
  if (path === "/legacy") return page("Legacy", ["Old page."], ["/"]);
  if (path === "/changelog") return page("Changelog", ["New in version 2."], ["/"]);
  // A site where one page never answers in time (a crawl with a timeout of 1,000 ms).
  if (path === "/hang/")
    return page("Hang home", ["One page here is too slow."], ["/hang/ok", "/hang/late"]);
  if (path === "/hang/ok") return page("Fine", ["Answers at once."], ["/hang/"]);
  if (path === "/hang/late") return { ...page("Late", ["Too late."], []), delayMs: 3000 };
  // A site where one page never answers in time (crawled with a 1,000 ms request timeout).
  if (path === "/hang/")
    return page("Hang home", ["One page here is too slow."], ["/hang/ok", "/hang/late"]);
  if (path === "/hang/ok") return page("Fine", ["Answers at once."], ["/hang/"]);
  if (path === "/hang/late") return { ...page("Late", ["Too late."], []), delayMs: 3000 };
  const slow = /^\/slow\/(\d*)$/.exec(path);
  if (slow) {
    const i = Number(slow[1] || 0);
    const links = [2 * i + 1, 2 * i + 2].filter((k) => k < 60).map((k) => `/slow/${k}`);
    return { ...page(`Slow ${i}`, ["Takes its time."], links), delayMs: 1500 };
  }
  return null;
}

const port = Number(process.env.TEST_SITE_PORT ?? e2ePorts.testSite);
startSiteServer(route, port).then(
  (s) => console.log(`test site on ${s.url}`),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
