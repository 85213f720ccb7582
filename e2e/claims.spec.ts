// Every claim is true: each feature the catalog marks shipped has a working page or route, and each
// coming-soon feature is labelled "Coming soon" wherever the landing page, Pricing or docs name it.
import { expect, test } from "@playwright/test";
import { COMING_SOON_LABEL, FEATURES } from "@/lib/product/features";
import { devSignIn } from "./helpers";

const CLAIM_PAGES = ["/", "/pricing", "/docs", "/docs/plans-and-limits"];

test("each shipped feature's page or route works; each coming-soon one does not pretend to", async ({
  page,
  request,
}) => {
  await devSignIn(page, "claims@example.com");
  for (const f of FEATURES) {
    const proof = f.proof;
    if (proof.kind === "page") {
      const res = await page.goto(proof.path);
      const works = res?.status() === 200 && (await page.getByText(proof.text).count()) > 0;
      expect(works, `${f.id}: ${proof.path}`).toBe(f.status === "shipped");
      continue;
    }
    // A route that exists answers without credentials with its JSON 401; a missing one is 404.
    const res = await request.fetch(proof.path, { method: proof.method });
    const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
    const works = res.status() === proof.status && body?.error?.code === proof.code;
    expect(works, `${f.id}: ${proof.method} ${proof.path} answered ${res.status()}`).toBe(
      f.status === "shipped",
    );
  }
});

test("landing, Pricing and docs label every coming-soon feature they name", async ({ page }) => {
  for (const path of CLAIM_PAGES) {
    await page.goto(path);
    const main = page.locator("main");
    for (const f of FEATURES) {
      const mentions = main.getByText(f.name, { exact: false });
      if ((await mentions.count()) === 0) continue;
      const item = main.locator(`[data-feature="${f.id}"], tr:has-text("${f.name}")`);
      if (f.status === "coming_soon") {
        await expect(item.first(), `${path}: ${f.name}`).toContainText(COMING_SOON_LABEL);
      } else {
        await expect(item.first(), `${path}: ${f.name}`).not.toContainText(COMING_SOON_LABEL);
      }
    }
    // No page promises an unbuilt feature in passing prose (e.g. "signed webhooks" in a card).
    for (const f of FEATURES.filter((x) => x.status === "coming_soon")) {
      const prose = main.locator("p, dd").filter({ hasText: new RegExp(f.name, "i") });
      for (const el of await prose.all()) {
        await expect(el, `${path}: prose names ${f.name}`).toContainText(/coming soon/i);
      }
    }
  }
});
