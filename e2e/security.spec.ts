import { expect, test } from "./fixtures";

test("the CSP stops script injected into a page, and the suite would see it", async ({
  page,
  cspViolations,
}) => {
  await page.goto("/");
  await page.evaluate(() => {
    document.body.insertAdjacentHTML(
      "beforeend",
      `<img src="/missing.png" onerror="document.body.dataset.pwned = 'yes'">`,
    );
  });
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  await expect(page.locator("body")).not.toHaveAttribute("data-pwned", "yes");
  expect(cspViolations.join("\n")).toContain("script-src");
  // Seen and asserted: the fixture must not fail this test for it.
  cspViolations.length = 0;
});
