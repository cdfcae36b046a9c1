import { readFile } from "node:fs/promises";
import { pdfText } from "../test/pdf-text";
import { seededReference } from "./accounts";
import { expect, test } from "./fixtures";
import {
  DIAGNOSIS,
  DLI,
  SERVICE,
  answer,
  expectNoAxeViolations,
  next,
  openWizard,
  outcome,
} from "./wizard-helpers";
import { signIn } from "./workspace-helpers";

const gateState = (page: import("@playwright/test").Page, index: number) =>
  page.getByTestId("flowchart").locator(`[data-gate="${index}"]`);

test("the wizard's flowchart lights the case's path as the answers change", async ({ page }) => {
  await openWizard(page);
  const chart = page.getByRole("img", {
    name: /Decision flowchart of Medical Coverage Policy 0261/,
  });
  await expect(chart).toBeVisible();
  await expect(gateState(page, 0)).toHaveAttribute("data-state", "missing");
  await answer(page, [SERVICE, DLI]);
  await expect(gateState(page, 0)).toHaveAttribute("data-state", "met");
  await next(page);
  await expect(gateState(page, 1)).toHaveAttribute("data-state", "missing");
  await answer(page, [DIAGNOSIS, "Solid tumor (not a hematologic malignancy)"]);
  await expect(gateState(page, 1)).toHaveAttribute("data-state", "decided");
  await expect(gateState(page, 3)).toHaveAttribute("data-state", "not-asked");
  await expect(
    gateState(page, 1).locator('[data-outcome="experimental-investigational-unproven"]'),
  ).toHaveAttribute("data-reached", "true");
  await expect(chart).toHaveAccessibleDescription(/This case was decided here: Experimental/);
  await expectNoAxeViolations(page, "wizard with its flowchart");

  await page.setViewportSize({ width: 360, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // At 360 px the outcome is a bar at the bottom of the screen: the flowchart is in its full view.
  await outcome(page).locator("summary").click();
  const box = (await chart.boundingBox())!;
  expect(box.width).toBeLessThanOrEqual(360);
  expect(box.width).toBeGreaterThan(250);
});

test("the policy page draws the flowchart with no case; the reviewer page and the PDF with the case's", async ({
  browser,
}) => {
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/policy");
  const chart = visitor.getByRole("img", { name: /Decision flowchart/ });
  await expect(chart).toBeVisible();
  await expect(visitor.getByTestId("flowchart").locator('[data-state="decided"]')).toHaveCount(0);

  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "reviewer", `/review/${seededReference(1)}`);
  // The seeded request: an HPC boost to promote engraftment, decided at gate 7.
  await expect(reviewer.getByTestId("flowchart").locator('[data-state="decided"]')).toHaveAttribute(
    "data-gate",
    "7",
  );
  const [download] = await Promise.all([
    reviewer.waitForEvent("download"),
    reviewer.getByRole("link", { name: "Download summary (PDF)" }).click(),
  ]);
  const text = (await pdfText(await readFile((await download.path())!)))
    .join(" ")
    .replace(/\s+/g, " ");
  expect(text).toContain("Flowchart, with this case's path lit");
  expect(text).toContain("Gate 7 · HPC boost indication");
});
