import { expect, test } from "./fixtures";
import type { Page } from "@playwright/test";
import {
  DIAGNOSIS,
  DLI,
  SERVICE,
  announced,
  answer,
  expectNoAxeViolations,
  next,
  openWizard,
  outcome,
} from "./wizard-helpers";

// Issue 23, item 4: narrower than the two-column layout, the reading stays in view in a bar at
// the bottom of the screen and opens to the full outcome panel; at 1366 px nothing changes.

const SOLID_TUMOR = "Solid tumor (not a hematologic malignancy)";
/** The disclosure's summary (a native <summary>: focusable, opened with Enter). */
const disclosure = (page: Page) => outcome(page).locator("summary");
const trace = (page: Page) =>
  outcome(page).getByRole("heading", { name: "How the policy was applied" });
/** Everything in the page's content that a screen reader announces by itself when it changes. */
const liveRegions = (page: Page) =>
  page.locator("main").locator("[aria-live], [role=status], [role=alert]");

test.describe("at 360 px", () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
  });

  test("the reading stays in view in a short bar, opens to the full panel by keyboard, and is announced from one place", async ({
    page,
  }) => {
    await openWizard(page);
    await answer(page, [SERVICE, DLI]);
    await next(page);
    await answer(page, [DIAGNOSIS, SOLID_TUMOR]);

    // The reading is on screen beside the question, in a bar at the bottom of the screen.
    const label = announced(page).getByText("Experimental, investigational or unproven", {
      exact: true,
    });
    await expect(label).toBeInViewport();
    await expect(page.getByRole("group", { name: DIAGNOSIS })).toBeInViewport();
    const bar = (await outcome(page).boundingBox())!;
    expect(bar.y + bar.height).toBeLessThanOrEqual(740);
    // A few lines (the reading and the line under it), not the panel: under a third of the screen.
    expect(bar.height, "the bar is a few lines, not the panel").toBeLessThan(740 / 3);
    await expect(outcome(page).getByText(/it is not the coverage decision/)).toBeInViewport();
    // Collapsed: the rest of the panel waits behind the disclosure.
    await expect(trace(page)).toBeHidden();
    // The deciding sentence is still in the one live region, read out though not shown.
    await expect(announced(page)).toContainText("Decided at");
    await expect(liveRegions(page)).toHaveCount(1);

    // Keyboard: Tab reaches "Next" and the bar does not cover it.
    await page.getByRole("radio", { name: SOLID_TUMOR }).focus();
    const nextButton = page.getByRole("button", { name: /^(Next|Finish and review)$/ });
    for (let i = 0; i < 5 && !(await nextButton.evaluate((e) => e === document.activeElement)); i++)
      await page.keyboard.press("Tab");
    await expect(nextButton).toBeFocused();
    const button = (await nextButton.boundingBox())!;
    const barTop = (await outcome(page).boundingBox())!.y;
    expect(button.y + button.height, "the focused button is above the bar").toBeLessThanOrEqual(
      barTop,
    );
    await expectNoAxeViolations(page, "the outcome bar at 360 px, closed");

    // Opened with the keyboard: the full panel, scrolling inside the bar, and closed again.
    await expect(disclosure(page)).toHaveAccessibleName("Show the full outcome");
    await disclosure(page).focus();
    await page.keyboard.press("Enter");
    await expect(trace(page)).toBeVisible();
    await expect(disclosure(page)).toHaveAccessibleName("Hide the full outcome");
    await expect(outcome(page).getByTestId("flowchart")).toBeAttached();
    await expect(announced(page).getByText(/^Decided at/)).toBeVisible();
    const open = (await outcome(page).boundingBox())!;
    expect(open.height).toBeLessThanOrEqual(740 * 0.7 + 1);
    expect(open.y + open.height).toBeLessThanOrEqual(740);
    await expect(liveRegions(page)).toHaveCount(1);
    await expectNoAxeViolations(page, "the outcome bar at 360 px, open");
    await page.keyboard.press("Enter");
    await expect(trace(page)).toBeHidden();

    // A changed answer changes the one announced reading.
    await page.getByRole("radio", { name: "Chronic myelogenous leukemia (CML)" }).check();
    await expect(announced(page)).toContainText("Incomplete");
    await expect(liveRegions(page)).toHaveCount(1);
  });
});

test.describe("at 1366 px", () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  test("the outcome panel stays the full column beside the questions, with no disclosure", async ({
    page,
  }) => {
    await openWizard(page);
    await answer(page, [SERVICE, DLI]);
    await next(page);
    await answer(page, [DIAGNOSIS, SOLID_TUMOR]);
    await expect(trace(page)).toBeVisible();
    await expect(outcome(page).getByText(/^Decided at/)).toBeVisible();
    await expect(disclosure(page)).toBeHidden();
    await expect(outcome(page).getByTestId("flowchart")).toBeVisible();
    // Beside the form, not under it, and not pinned.
    const form = (await page.getByRole("form", { name: "Coverage questions" }).boundingBox())!;
    const panel = (await outcome(page).boundingBox())!;
    expect(panel.x).toBeGreaterThan(form.x + form.width);
    expect(await outcome(page).evaluate((e) => getComputedStyle(e.parentElement!).position)).toBe(
      "static",
    );
    await expect(liveRegions(page)).toHaveCount(1);
    await expectNoAxeViolations(page, "the outcome panel at 1366 px");
  });
});
