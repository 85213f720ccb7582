// Integration: the Stripe test tool's hosted Checkout and billing portal pages, driven over HTTP
// as a browser would, after the product created the sessions through the real SDK. Pay and the
// portal's cancel deliver signed events to our real receiver before sending the browser back to
// the app, so the app already shows the result when the browser arrives.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCheckout } from "./checkout";
import { createPortalSession } from "./portal";
import { startStripeHarness, type StripeHarness } from "@/tools/stripe-test-mode/testing";
import {
  attemptId,
  deliverToReceiver,
  teamWithOwner,
  TEST_APP_URL,
  TEST_LOOKUP_KEY,
} from "./testing";

let h: StripeHarness;
beforeAll(async () => {
  h = await startStripeHarness(TEST_LOOKUP_KEY, {
    deliver: (events) => deliverToReceiver(h.stripe, events),
  });
});
afterAll(() => h.close());

const utcDay = (d: Date) =>
  new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(d);

/** A form post from the tool's own page (the browser sends the page's origin). */
const post = (url: string, form: Record<string, string> = {}, origin = h.url) =>
  fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin },
    body: new URLSearchParams(form),
  });

async function startTrial() {
  const { team, owner } = await teamWithOwner("Hosted pages team");
  const checkout = await createCheckout(h.stripe, {
    team,
    role: "owner",
    userId: owner.id,
    attemptId: attemptId(),
    appUrl: TEST_APP_URL,
    priceLookupKey: TEST_LOOKUP_KEY,
  });
  return { team, checkout };
}

describe("hosted checkout page", () => {
  it("shows the trial, and Pay sends the browser back to the app with the subscription stored", async () => {
    const { team, checkout } = await startTrial();
    const page = await fetch(checkout.url);
    expect(page.status).toBe(200);
    // Browsers then send the page's origin with its form posts (no-referrer would send "null").
    expect(page.headers.get("referrer-policy")).toBe("same-origin");
    const html = await page.text();
    expect(html).toContain("Test mode — no real charge");
    expect(html).toContain("30 days free");
    expect(html).toContain("Subscribe Hosted pages team to");
    expect(html).toContain("Pay $0 today and start the trial");

    const paid = await post(`${checkout.url}/pay`);
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(
      `${TEST_APP_URL}/developers/api-keys?checkout_session_id=${checkout.sessionId}`,
    );
    const rows = await db.subscription.findMany({ where: { teamId: team.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "trialing", checkoutSessionId: checkout.sessionId });
    expect(await (await fetch(checkout.url)).text()).toContain("This checkout is already paid.");
  });

  it("Cancel expires the session and returns to the app's Pricing; nothing is bought", async () => {
    const { team, checkout } = await startTrial();
    const cancelled = await post(`${checkout.url}/cancel`);
    expect(cancelled.headers.get("location")).toBe(`${TEST_APP_URL}/pricing?checkout=cancelled`);
    expect(await db.subscription.count({ where: { teamId: team.id } })).toBe(0);
    expect(await (await fetch(checkout.url)).text()).toContain("has expired");
  });

  it("refuses a form post from another origin and answers 404 for an unknown session", async () => {
    const { team, checkout } = await startTrial();
    expect((await post(`${checkout.url}/pay`, {}, "http://evil.example")).status).toBe(403);
    expect(await db.subscription.count({ where: { teamId: team.id } })).toBe(0);
    expect((await fetch(`${h.url}/billing/test-checkout/cs_test_nope`)).status).toBe(404);
  });
});

describe("hosted billing portal", () => {
  it("cancels at period end after confirmation and links back to the app's return URL", async () => {
    const { team, checkout } = await startTrial();
    await post(`${checkout.url}/pay`);
    const trialEnd = utcDay(new Date(Date.now() + 30 * 86_400_000));
    const url = await createPortalSession(h.stripe, {
      teamId: team.id,
      role: "admin",
      returnUrl: `${TEST_APP_URL}/developers/api-keys`,
    });
    const portal = await (await fetch(url)).text();
    expect(portal).toContain(`Trial ends ${trialEnd}`);
    expect(portal).toContain(`href="${TEST_APP_URL}/developers/api-keys"`);
    expect(portal).not.toContain("<dialog");

    const [sub] = await db.subscription.findMany({ where: { teamId: team.id } });
    const confirm = await (await fetch(`${url}?confirm=${sub?.stripeSubscriptionId}`)).text();
    expect(confirm).toContain("<dialog open");
    expect(confirm).toContain("Cancel at period end?");

    const done = await post(`${url}/change`, {
      subscription: sub?.stripeSubscriptionId ?? "",
      change: "cancel_at_period_end",
    });
    expect(done.status).toBe(303);
    expect(await db.subscription.findUnique({ where: { id: sub?.id } })).toMatchObject({
      cancelAtPeriodEnd: true,
      status: "trialing",
    });
    const after = await (await fetch(new URL(done.headers.get("location") ?? "", url))).text();
    expect(after).toContain(`Cancels ${trialEnd}`);
    expect(after).toContain("Resume subscription");
  });
});
