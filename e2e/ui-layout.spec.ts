import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { devSignIn } from "./helpers";
import { personalTeamId, seedLayoutTeam } from "./seed-layout";

test.describe.configure({ mode: "serial" });

const OWNER = "layout-owner@example.com";
const WIDTHS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;
// Each page with the row that shows its content has streamed in (the shell renders first).
const PAGES: [string, (page: Page) => Locator][] = [
  ["/developers/api-keys", (p) => p.getByTestId("api-client-row")],
  ["/sites", (p) => p.getByTestId("site-row")],
  ["/runs", (p) => p.getByTestId("run-row")],
  ["/settings/members", (p) => p.getByTestId("member-row")],
  ["/settings/audit-log", (p) => p.getByTestId("audit-row")],
  ["/dashboard", (p) => p.getByRole("heading", { name: "Recent runs" })],
];
// SCREENS_DIR=/path saves the screenshots people look at when reviewing the layout.
const SCREENS = process.env.SCREENS_DIR;

async function shot(page: Page, name: string, fullPage = true) {
  if (!SCREENS) return;
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage });
}

/**
 * For every control in <main>: scroll it to the middle of the viewport (vertically only), then
 * check that it lies inside the viewport horizontally and is the element actually hit there (not
 * clipped by a scrolling container or covered). Returns the problems found.
 */
async function unreachableControls(page: Page) {
  return page.evaluate(async () => {
    const problems: string[] = [];
    const controls = Array.from(
      document.querySelectorAll<HTMLElement>("main button, main select, main [data-row-actions] a"),
    ).filter((el) => el.getClientRects().length > 0);
    for (const el of controls) {
      const top = el.getBoundingClientRect().top + window.scrollY;
      window.scrollTo(0, Math.max(0, top - window.innerHeight / 2));
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const box = el.getBoundingClientRect();
      const name = `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`;
      if (box.left < 0 || box.right > window.innerWidth) {
        problems.push(`${name} spans x ${Math.round(box.left)}–${Math.round(box.right)}`);
        continue;
      }
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (!hit || !(el === hit || el.contains(hit))) problems.push(`${name} is covered or clipped`);
    }
    return { count: controls.length, problems };
  });
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await devSignIn(page, OWNER);
  await seedLayoutTeam(await personalTeamId(OWNER), "lay");
  await page.close();
});

for (const size of WIDTHS) {
  test(`every action is reachable without horizontal scrolling at ${size.width} px`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await devSignIn(page, OWNER);
    const reached: Record<string, number> = {};
    for (const [url, marker] of PAGES) {
      await page.goto(url);
      await expect(marker(page).first()).toBeVisible();
      const widths = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      }));
      expect(widths.scroll, `${url} is wider than the viewport`).toBeLessThanOrEqual(
        widths.viewport,
      );
      const { count, problems } = await unreachableControls(page);
      expect(problems, `${url} at ${size.width} px`).toEqual([]);
      reached[url] = count;
    }
    // The seeded rows' actions were among the controls checked.
    expect(reached["/developers/api-keys"]).toBeGreaterThanOrEqual(8);
    expect(reached["/sites"]).toBeGreaterThanOrEqual(3);
    expect(reached["/settings/members"]).toBeGreaterThanOrEqual(4);
    await page.goto("/developers/api-keys");
    await expect(
      page.getByTestId("ci-key-row").first().getByRole("button", { name: "Revoke" }),
    ).toBeVisible();
    await expect(
      page
        .getByTestId("api-client-row")
        .first()
        .getByRole("button", { name: /^Delete/ }),
    ).toBeVisible();
    await shot(page, `api-keys-${size.width}`);
    await page.goto("/sites");
    await expect(page.getByRole("button", { name: "Run now" })).toHaveCount(3);
    await shot(page, `sites-${size.width}`);
    // The row's ⋯ menu opens inside the viewport (not clipped by the table) and its links work.
    await page.getByRole("button", { name: "More actions for Marketing site 1" }).click();
    const edit = page.getByRole("link", { name: "Edit settings" });
    await expect(edit).toBeInViewport({ ratio: 1 });
    await edit.click();
    await page.waitForURL(/\/sites\/lay_site_1\/edit$/);
    await page.goto("/settings/members");
    await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(2);
    await expect(page.getByRole("button", { name: "Save" })).toHaveCount(2);
    await shot(page, `members-${size.width}`);
  });

  test(`confirmation dialogs wrap, fit and manage focus at ${size.width} px`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await devSignIn(page, OWNER, "/developers/api-keys");
    const row = page
      .getByTestId("ci-key-row")
      .filter({ hasText: "production-deploy-pipeline-main" });
    const dialog = page.getByRole("dialog");

    async function expectFits() {
      const m = await dialog.evaluate((d) => {
        const box = d.getBoundingClientRect();
        const text = Array.from(d.querySelectorAll<HTMLElement>("p, div, span, code, strong"));
        return {
          left: box.left,
          right: box.right,
          clipped: d.scrollWidth > d.clientWidth,
          overflowing: text.some((el) => el.getBoundingClientRect().right > box.right + 0.5),
          align: getComputedStyle(d).textAlign,
          whiteSpace: getComputedStyle(d).whiteSpace,
        };
      });
      expect(m.left).toBeGreaterThanOrEqual(0);
      expect(m.right).toBeLessThanOrEqual(size.width);
      expect(m.clipped).toBe(false);
      expect(m.overflowing).toBe(false);
      expect(["left", "start"]).toContain(m.align);
      expect(m.whiteSpace).toBe("normal");
    }

    // Rotate: focus starts in the ROTATE field; Tab stays inside; Escape returns to the trigger.
    const rotate = row.getByRole("button", { name: "Rotate" });
    await rotate.click();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel("Type ROTATE to confirm")).toBeFocused();
    await expect(dialog.getByText("stops working")).toBeInViewport({ ratio: 1 });
    await expectFits();
    await shot(page, `rotate-dialog-${size.width}`, false);
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(rotate).toBeFocused();

    // Revoke: no field to type in, so focus starts on Cancel (a stray Enter never revokes).
    const revoke = row.getByRole("button", { name: "Revoke" });
    await revoke.click();
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await expectFits();
    await shot(page, `revoke-dialog-${size.width}`, false);
    await page.keyboard.press("Shift+Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(revoke).toBeFocused();

    // Delete API client: left-aligned, wrapped text even though its trigger sits in a table cell.
    await page
      .getByTestId("api-client-row")
      .filter({ hasText: "ci-pipeline" })
      .getByRole("button", { name: "Delete ci-pipeline" })
      .click();
    await expect(dialog).toContainText("stay valid until they expire");
    await expectFits();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toHaveCount(0);
  });
}

test("the audit log names events and targets, filters by credential and pages", async ({
  page,
}) => {
  await devSignIn(page, OWNER, "/settings/audit-log");
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.first().getByTestId("audit-event")).toHaveText("CI API key created");
  await expect(
    page.getByTestId("audit-target").filter({ hasText: "production-deploy-pipeline-main" }),
  ).toHaveCount(1);
  await page
    .getByLabel("Credential")
    .selectOption({ label: "CI key staging-preview (sck_lay1x…)" });
  await expect(page).toHaveURL(/credential=ci_api_key%3Alay_key_1/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId("audit-target")).toContainText("staging-preview");
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(rows).toHaveCount(2);
});

test("the team switcher switches by mouse and by keyboard, and the choice survives a reload", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
  });
  await devSignIn(page, OWNER, "/teams/new");
  await page.getByLabel("Team name").fill("Switch Crew");
  await page.getByRole("button", { name: "Create team" }).click();
  await page.waitForURL("**/dashboard");
  const active = page.getByTestId("active-team").first();
  await expect(active).toHaveText("Switch Crew");
  // Mouse: open the menu, click the other (personal) team.
  await page.getByRole("button", { name: /Switch team/ }).click();
  await page.locator("button[data-menu-item]:not([aria-current])").first().click();
  await expect(active).not.toHaveText("Switch Crew");
  const personalName = (await active.textContent()) ?? "";
  await page.reload();
  await expect(active).toHaveText(personalName);
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === "sd_team")?.value).toBeTruthy();

  // Keyboard: focus the switcher, open it with Enter, move with the arrow keys, choose with Enter.
  await page.getByRole("button", { name: /Switch team/ }).focus();
  await page.keyboard.press("Enter");
  const target = page.locator("button[data-menu-item]").filter({ hasText: "Switch Crew" });
  for (let i = 0; i < 3 && !(await target.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("ArrowDown");
  }
  await expect(target).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(active).toHaveText("Switch Crew");
  await page.reload();
  await expect(active).toHaveText("Switch Crew");
  expect(errors.filter((e) => e.includes("form is not connected"))).toEqual([]);
});
