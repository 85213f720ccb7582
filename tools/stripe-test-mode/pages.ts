// The tool's hosted pages, its stand-ins for Stripe Checkout and the billing portal. As at Stripe,
// holding the session's unguessable URL is what lets a browser use it; the app never serves these
// pages. Every change runs the same operation the API would, delivers the resulting events to the
// app's webhook (signed) and only then sends the browser back, so the app already knows the result.
import { formatDay, formatMoney, html, page, type Html } from "./html";
import { listSubscriptions, successUrl, type TestCheckoutSession } from "./engine";
import { completeCheckout, expireCheckout } from "./checkout-flow";
import { changeSubscription, type SubscriptionChange } from "./subscription-changes";
import { unix, type TestSubscription } from "./objects";
import { getObject, TestModeError, type StripeObject } from "./store";

export type PageResult =
  { kind: "html"; status: number; body: string } | { kind: "redirect"; location: string };

type Deliver = (events: StripeObject[]) => Promise<void>;

const notFound = (what: string): PageResult => ({
  kind: "html",
  status: 404,
  body: page("Not found", html`<div class="card"><h1>${what} not found</h1></div>`),
});

const ok = (title: string, body: Html): PageResult => ({
  kind: "html",
  status: 200,
  body: page(title, body),
});

async function customerName(customerId: string) {
  const customer = await getObject(customerId, "customer");
  return String(customer?.name ?? "your team");
}

export async function checkoutPage(sessionId: string): Promise<PageResult> {
  const session = await getObject<TestCheckoutSession>(sessionId, "checkout.session");
  if (!session) return notFound("Checkout session");
  const price = await getObject(session._internal.price, "price");
  const amount = formatMoney(Number(price?.unit_amount ?? 0), String(price?.currency ?? "usd"));
  const interval = String((price?.recurring as { interval?: string } | undefined)?.interval);
  const trialDays = session._internal.trialDays;
  const expired = session.status === "expired" || session.expires_at <= unix(new Date());
  const action = (what: string) =>
    `/billing/test-checkout/${encodeURIComponent(session.id)}/${what}`;
  const summary = trialDays
    ? html`<p class="big">${trialDays} days free</p>
        <p class="muted">
          Then ${amount} per ${interval} starting
          ${formatDay(unix(new Date()) + trialDays * 86_400)}.
        </p>`
    : html`<p class="big">${amount} <span class="muted">per ${interval}</span></p>`;
  const actions =
    session.status === "complete"
      ? html`<p role="status" class="status">This checkout is already paid.</p>
          <a class="button wide" href="${successUrl(session)}">Continue to Signal Diff</a>`
      : expired
        ? html`<p role="status">This checkout session has expired. Start again from Pricing.</p>
            <a class="button secondary wide" href="${session.cancel_url}">Back to Signal Diff</a>`
        : html`<form method="post" action="${action("pay")}">
              <button class="wide" type="submit">
                ${trialDays ? "Pay $0 today and start the trial" : `Pay ${amount}`}
              </button>
            </form>
            <form method="post" action="${action("cancel")}" style="margin-top:8px">
              <button class="ghost wide" type="submit">Cancel</button>
            </form>`;
  return ok(
    "Checkout (test mode)",
    html`<div class="grid">
      <section>
        <p class="muted">Subscribe ${await customerName(session.customer)} to</p>
        <h1>Signal Diff Paid</h1>
        ${summary}
      </section>
      <section class="card">
        <h2>Test mode — no real charge</h2>
        <p class="muted">
          This page stands in for Stripe Checkout. Pay creates the subscription in the Stripe test
          tool and sends its signed webhooks to Signal Diff, exactly as Stripe would.
        </p>
        ${actions}
      </section>
    </div>`,
  );
}

/** Pay or Cancel on the checkout page; answers where Checkout sends the browser. */
export async function checkoutAction(
  sessionId: string,
  what: "pay" | "cancel",
  deliver: Deliver,
): Promise<PageResult> {
  const session = await getObject<TestCheckoutSession>(sessionId, "checkout.session");
  if (!session) return notFound("Checkout session");
  const done =
    what === "pay"
      ? await completeCheckout(sessionId, session.customer)
      : await expireCheckout(sessionId, session.customer);
  await deliver(done.events);
  return {
    kind: "redirect",
    location: what === "pay" ? successUrl(done.session) : done.session.cancel_url,
  };
}

type PortalSession = StripeObject & {
  customer: string;
  return_url: string | null;
  expires_at: number;
};

async function openPortal(portalSessionId: string) {
  const portal = await getObject<PortalSession>(portalSessionId, "billing_portal.session");
  return portal && portal.expires_at > unix(new Date()) ? portal : null;
}

const CHANGE_MESSAGES: Record<PortalChange, string> = {
  cancel_at_period_end: "The subscription will end at the end of the current period.",
  resume: "The subscription will renew as usual.",
  advance_to_period_end: "The clock moved to the end of the period.",
  fail_payment: "The renewal payment failed; the subscription is past due.",
};

export type PortalChange = Exclude<SubscriptionChange, "end_trial_now">;
export const PORTAL_CHANGES = Object.keys(CHANGE_MESSAGES) as PortalChange[];

export async function portalPage(
  portalSessionId: string,
  view: { confirm?: string | null; done?: string | null },
): Promise<PageResult> {
  const portal = await openPortal(portalSessionId);
  if (!portal) return notFound("Billing portal session");
  const subscriptions = await listSubscriptions(portal.customer);
  const message = PORTAL_CHANGES.find((c) => c === view.done);
  return ok(
    "Billing portal (test mode)",
    html`<div class="row" style="justify-content:space-between">
        <div>
          <h1>Billing portal</h1>
          <p class="muted">
            Subscriptions of ${await customerName(portal.customer)}. Test mode — no real charge:
            changes here send signed webhooks to Signal Diff as Stripe would.
          </p>
        </div>
        ${
          portal.return_url
            ? html`<a class="button secondary" href="${portal.return_url}"
                >Return to Signal Diff</a
              >`
            : null
        }
      </div>
      ${message ? html`<p role="status" class="status">${CHANGE_MESSAGES[message]}</p>` : null}
      ${
        subscriptions.length === 0
          ? html`<p class="muted">No subscriptions yet.</p>`
          : subscriptions.map((sub) => subscriptionCard(portal.id, sub, view.confirm === sub.id))
      }`,
  );
}

function subscriptionCard(portalId: string, sub: TestSubscription, confirming: boolean): Html {
  const item = sub.items.data[0];
  const ended = sub.status === "canceled";
  const periodEnd = formatDay(item?.current_period_end);
  const base = `/billing/test-portal/${encodeURIComponent(portalId)}`;
  const change = (what: PortalChange, label: string, style = "secondary") =>
    html`<form method="post" action="${base}/change">
      <input type="hidden" name="subscription" value="${sub.id}" />
      <input type="hidden" name="change" value="${what}" />
      <button class="${style}" type="submit">${label}</button>
    </form>`;
  const description = ended
    ? `Ended ${formatDay(sub.ended_at)}`
    : sub.status === "trialing" && sub.trial_end
      ? `Trial ends ${formatDay(sub.trial_end)}`
      : sub.cancel_at_period_end
        ? `Ends ${periodEnd}`
        : `Renews ${periodEnd}`;
  return html`<section class="card" aria-label="Subscription ${sub.id}">
    <h2 class="row">
      Signal Diff Paid <span class="badge">${sub.status}</span>
      ${
        sub.cancel_at_period_end && !ended
          ? html`<span class="badge amber">Cancels ${periodEnd}</span>`
          : null
      }
    </h2>
    <p class="muted">${description}</p>
    ${
      ended
        ? null
        : html`<div class="row">
            ${
              sub.cancel_at_period_end
                ? change("resume", "Resume subscription")
                : html`<form method="get" action="${base}">
                    <input type="hidden" name="confirm" value="${sub.id}" />
                    <button class="secondary" type="submit">Cancel subscription</button>
                  </form>`
            }
            <span class="muted">Test clock:</span>
            ${change(
              "advance_to_period_end",
              sub.cancel_at_period_end ? "Advance to expiry" : "Advance to renewal",
            )}
            ${sub.status !== "past_due" ? change("fail_payment", "Fail next payment") : null}
          </div>`
    }
    ${
      confirming && !ended && !sub.cancel_at_period_end
        ? html`<dialog open aria-labelledby="confirm-${sub.id}">
            <h3 id="confirm-${sub.id}">Cancel at period end?</h3>
            <p class="muted">
              The subscription and its CI key stay active until ${periodEnd}, then end. You can
              resume before then.
            </p>
            <div class="row">
              ${change("cancel_at_period_end", "Cancel at period end", "")}
              <a class="button secondary" href="${base}">Keep subscription</a>
            </div>
          </dialog>`
        : null
    }
  </section>`;
}

/** A portal change on one of the session customer's subscriptions. */
export async function portalAction(
  portalSessionId: string,
  form: { subscription: string; change: string },
  deliver: Deliver,
): Promise<PageResult> {
  const portal = await openPortal(portalSessionId);
  if (!portal) return notFound("Billing portal session");
  const change = PORTAL_CHANGES.find((c) => c === form.change);
  if (!change) throw new TestModeError(400, "Unknown portal change.");
  const { events } = await changeSubscription(form.subscription, portal.customer, change);
  await deliver(events);
  return {
    kind: "redirect",
    location: `/billing/test-portal/${encodeURIComponent(portal.id)}?done=${change}`,
  };
}
