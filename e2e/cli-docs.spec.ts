// The CI guide and the CLI reference: every code sample has a copy button that copies exactly the
// sample, the guide links the CLI reference, the exit codes and the limit behaviour.
import { expect, test } from "@playwright/test";

for (const path of ["/docs/ci", "/docs/cli"]) {
  test(`${path}: every snippet has a copy button that copies it`, async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(path);
    const blocks = page.getByTestId("code-block");
    const count = await blocks.count();
    expect(count).toBeGreaterThanOrEqual(path === "/docs/ci" ? 5 : 8);
    // No sample outside a block with a button.
    await expect(page.locator("main pre")).toHaveCount(count);
    for (let i = 0; i < count; i++) {
      const block = blocks.nth(i);
      await expect(block.getByRole("button", { name: /^Copy / })).toHaveCount(1);
    }
    const last = blocks.nth(count - 1);
    await last.getByRole("button", { name: /^Copy / }).click();
    await expect(last.getByRole("button", { name: "Copied" })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await last.locator("pre").innerText());
  });
}

test("the CI guide leads with the Action and links the CLI reference", async ({ page }) => {
  await page.goto("/docs/ci");
  const first = page.getByTestId("code-block").first();
  await expect(first).toContainText("needs: deploy");
  await expect(first).toContainText("/github-action@v1");
  await expect(page.locator("#exit-codes")).toBeVisible();
  await expect(page.locator("main")).toContainText("Retry-After");
  await page.locator('main a[href="/docs/cli"]').first().click();
  await expect(
    page.getByRole("heading", { name: "signaldiff CLI reference", level: 1 }),
  ).toBeVisible();
  await expect(page.locator("main")).toContainText("--fail-on-changes");
});
