import { expect, test } from "./fixtures";

test("the home page shows the first question of the policy", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Donor Lymphocyte Infusion and Hematopoietic Progenitor Cell (HPC) Boost",
  );
  const first = page.getByRole("group", { name: "Which service is requested?" });
  await expect(first).toBeVisible();
  await expect(
    first.getByRole("radio", { name: /Donor lymphocyte infusion \(DLI\)/ }),
  ).toBeVisible();
});
