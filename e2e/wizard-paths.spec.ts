import { expect, test } from "./fixtures";
import { outcome, walk, openWizard } from "./wizard-helpers";
import { PATHS } from "./wizard-paths";

for (const [name, steps, label, decidedAt] of PATHS) {
  test(`${name} → ${label}`, async ({ page }) => {
    await openWizard(page);
    await expect(outcome(page)).toContainText(
      "Answer the questions; the policy's reading appears here as you go.",
    );
    await walk(page, steps);
    await expect(page.getByRole("heading", { name: "Review" })).toBeFocused();
    await expect(outcome(page)).toContainText(label);
    // The gate by its title, its number after it: "Decided at Prior HSCT (gate 4): …".
    await expect(outcome(page)).toContainText(new RegExp(`Decided at [^(]+ \\(${decidedAt}\\):`));
    await expect(outcome(page)).toContainText(
      "This is how the policy reads these answers; it is not the coverage decision.",
    );
    const review = page.getByRole("region", { name: "Review" });
    for (const [question] of steps)
      await expect(review.getByRole("button", { name: `Change: ${question}` })).toBeVisible();
    await expect(review.getByText(label, { exact: true })).toBeVisible();
  });
}
