import { expect, test } from "./fixtures";

test("/policy#<id> highlights the targeted passage and scrolls to it", async ({ page }) => {
  await page.goto("/policy#coverage-policy.experimental");
  const passage = page.locator('[id="coverage-policy.experimental"]');
  await expect(passage).toBeInViewport();
  await expect(passage).toContainText(
    "DLI is considered experimental, investigational or unproven for any other condition.",
  );
  expect(await passage.evaluate((el) => el.matches(":target"))).toBe(true);
  const background = await passage.evaluate((el) => getComputedStyle(el).backgroundColor);
  const other = await page
    .locator('[id="coverage-policy.dli"]')
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).not.toBe(other);
});

test("the policy page shows the header, the overdue review note and links back to questions", async ({
  page,
}) => {
  await page.goto("/policy");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Donor Lymphocyte Infusion and Hematopoietic Progenitor Cell (HPC) Boost",
  );
  await expect(page.getByText("July 15, 2021")).toBeVisible();
  await expect(page.getByText("June 15, 2022").first()).toBeVisible();
  await expect(
    page.getByText(/The next review date of this policy, June 15, 2022, has passed/),
  ).toBeVisible();
  // Every passage of the document has its anchor, up to the attribution.
  await expect(page.locator('[id="references.69"]')).toHaveCount(1);
  await expect(page.locator('[id="attribution"]')).toContainText("© 2021 Cigna.");

  const hpc = page.locator('[id="background.hpc-boost.1"]');
  await hpc.getByRole("link", { name: "What is the indication for the HPC boost?" }).click();
  await expect(page).toHaveURL(/\/#question-boostIndication$/);
});
