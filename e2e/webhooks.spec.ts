// Developers → Webhooks and the signing secret, in Chromium against the production build and the
// e2e worker: add an endpoint (https enforced), send a test event to a local receiver, watch it
// delivered in the log, resend it, verify its signature with the revealed secret, rotate the
// secret (both signatures), revoke the previous one — at 1280 and 390 px.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { devSignIn } from "./helpers";
import { e2ePorts } from "./ports";

test.describe.configure({ mode: "serial" });

type Got = { headers: http.IncomingHttpHeaders; body: string };
const received: Got[] = [];
let server: http.Server;

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200).end("thanks");
    });
  });
  await new Promise<void>((resolve) => server.listen(e2ePorts.spare1, "127.0.0.1", resolve));
});

test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const receiverUrl = () =>
  `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/signal-diff`;

async function fitsWidth(page: Page) {
  const w = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  expect(w.scroll).toBeLessThanOrEqual(w.viewport);
}

for (const size of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`endpoints, test event, delivery log and resend at ${size.width} px`, async ({ page }) => {
    await page.setViewportSize(size);
    await devSignIn(page, `hooks-${size.width}@example.com`, "/developers/webhooks");
    await expect(page.getByText("No endpoints yet")).toBeVisible();
    await fitsWidth(page);

    await page.getByRole("button", { name: "Add endpoint" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("URL").fill("http://example.com/hook");
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    await expect(dialog.locator("#new-endpoint-url-error")).toHaveText(
      "Webhook URLs must use https.",
    );
    await dialog.getByLabel("URL").fill(receiverUrl());
    await dialog.getByLabel("Description").fill("Local receiver");
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    const row = page.getByTestId("webhook-endpoint-row");
    await expect(row).toContainText("Local receiver");
    await expect(row).toContainText("Enabled");
    await fitsWidth(page);

    await row.getByRole("link", { name: /Delivery log/ }).click();
    await expect(page.getByText("No deliveries yet")).toBeVisible();
    const before = received.length;
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByText("Test event queued")).toBeVisible();
    await expect
      .poll(async () => {
        await page.reload();
        return page.getByTestId("webhook-delivery-row").first().textContent();
      })
      .toContain("delivered");
    const delivery = page.getByTestId("webhook-delivery-row").first();
    await expect(delivery).toContainText("webhook.test");
    await expect(delivery).toContainText("200");
    // The first 1 KB of the receiver's answer is kept in the log.
    await expect(delivery).toContainText("thanks");
    await fitsWidth(page);
    expect(received.length).toBe(before + 1);

    await delivery.getByRole("button", { name: "Resend" }).click();
    await expect.poll(() => received.length).toBe(before + 2);
    const [first, again] = received.slice(before);
    expect(again?.headers["webhook-id"]).toBe(first?.headers["webhook-id"]);
    await page.reload();
    await expect(page.getByTestId("webhook-delivery-row")).toHaveCount(2);
  });
}

test("signing secret: reveal verifies a delivery, rotate signs with both, revoke previous", async ({
  page,
}) => {
  // The team of the last width test, whose endpoint received the newest delivery.
  await devSignIn(page, "hooks-390@example.com", "/developers/api-keys");
  const card = page.getByTestId("signing-secret");
  await expect(card).toContainText("Current secret");
  await expect(card).not.toContainText("Previous secret");
  await card.getByRole("button", { name: "Reveal" }).click();
  const old = (await page.getByTestId("revealed-signing-secret").textContent()) ?? "";
  expect(old).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  const last = received.at(-1);
  if (!last) throw new Error("no delivery received");
  expect(new Webhook(old).verify(last.body, last.headers as Record<string, string>)).toMatchObject({
    type: "webhook.test",
  });
  await page.reload();
  await expect(page.locator("body")).not.toContainText(old);

  await card.getByRole("button", { name: "Rotate signing secret" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/Type ROTATE/).fill("ROTATE");
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  const fresh = (await page.getByTestId("revealed-signing-secret").textContent()) ?? "";
  expect(fresh).toMatch(/^whsec_/);
  expect(fresh).not.toBe(old);
  await expect(page.getByTestId("previous-secret")).toContainText("Still signing");
  await expect(page.getByTestId("previous-secret")).toContainText("auto-revokes");

  // A test event now carries both signatures; each secret verifies it.
  const before = received.length;
  await page.goto("/developers/webhooks");
  await page.getByTestId("webhook-endpoint-row").getByRole("button", { name: "Test" }).click();
  await expect.poll(() => received.length).toBe(before + 1);
  const got = received.at(-1) as Got;
  expect(String(got.headers["webhook-signature"]).split(" ")).toHaveLength(2);
  for (const s of [old, fresh]) {
    expect(new Webhook(s).verify(got.body, got.headers as Record<string, string>)).toBeTruthy();
  }

  await page.goto("/developers/api-keys");
  await page.getByRole("button", { name: "Revoke previous secret" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke previous secret" }).click();
  await expect(page.getByTestId("previous-secret")).toContainText("Revoked");
});

test("the docs list every event type with an example body", async ({ page }) => {
  await page.goto("/docs/verifying-signatures");
  const events = page.locator('main li[id^="event-"]');
  await expect(events).toHaveCount(19);
  const leaked = page.locator("#event-ci_key-leaked");
  await leaked.getByText("Example").click();
  const example = leaked.getByTestId("code-block").locator("pre");
  await expect(example).toBeVisible();
  const body = JSON.parse(await example.innerText()) as { type: string; data: object };
  expect(body.type).toBe("ci_key.leaked");
  expect(Object.keys(body.data)).toContain("notice_id");
});
