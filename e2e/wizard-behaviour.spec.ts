import { expect, test } from "./fixtures";
import {
  announced,
  ALLOGENEIC,
  AUTOLOGOUS,
  BOOST_INDICATION,
  CHIMERISM,
  DIAGNOSIS,
  DLI,
  DLI_INDICATION,
  DLI_DONOR,
  DONOR,
  HPC,
  PRIOR,
  REGIMEN,
  SERVICE,
  answer,
  next,
  outcome,
  walk,
  openWizard,
} from "./wizard-helpers";

test("a physician can reach a determination with the keyboard alone", async ({ page }) => {
  await openWizard(page);
  await expect(page.getByRole("group", { name: SERVICE })).toBeVisible();
  const firstRadio = page.getByRole("radio", { name: /Donor lymphocyte infusion/ });
  for (
    let i = 0;
    i < 20 && !(await firstRadio.evaluate((el) => el === document.activeElement));
    i++
  )
    await page.keyboard.press("Tab");
  await expect(firstRadio).toBeFocused();
  await page.keyboard.press("Space");
  await expect(firstRadio).toBeChecked();

  // Enter submits the step; focus moves to the new question's legend.
  const choose = async (question: string, arrowDowns: number) => {
    await page.keyboard.press("Tab");
    for (let i = 0; i < arrowDowns; i++) await page.keyboard.press("ArrowDown");
    if (arrowDowns === 0) await page.keyboard.press("Space");
    await page.keyboard.press("Enter");
    void question;
  };
  await page.keyboard.press("Enter");
  await expect(page.locator("legend", { hasText: DIAGNOSIS })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown"); // CML
  await expect(
    page.getByRole("radio", { name: "Chronic myelogenous leukemia (CML)" }),
  ).toBeChecked();
  await page.keyboard.press("Enter");
  await expect(page.locator("legend", { hasText: DLI_INDICATION })).toBeFocused();
  await choose(DLI_INDICATION, 0); // Relapsed
  await expect(page.locator("legend", { hasText: PRIOR })).toBeFocused();
  await choose(PRIOR, 0); // Allogeneic HSCT
  await expect(page.locator("legend", { hasText: DLI_DONOR })).toBeFocused();
  await choose(DLI_DONOR, 0); // Yes
  await expect(page.locator("legend", { hasText: REGIMEN })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("ArrowDown"); // No
  await expect(page.getByRole("radio", { name: "No" })).toBeChecked();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Review" })).toBeFocused();
  await expect(outcome(page)).toContainText("Medically necessary");
});

test("changing an early answer updates the outcome and drops the steps that no longer apply", async ({
  page,
}) => {
  await openWizard(page);
  await walk(page, [
    [SERVICE, DLI],
    [DIAGNOSIS, "Acute myeloid leukemia (AML)"],
    [DLI_INDICATION, "Relapsed hematologic malignancy"],
    [PRIOR, ALLOGENEIC],
  ]);
  await expect(page.getByText("Step 5 of 6")).toBeVisible();
  await answer(page, [DLI_DONOR, "Yes"]);
  await expect(outcome(page)).toContainText("Same cell source as the HSCT (gate 5): Met");

  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByText("Step 2 of 6")).toBeVisible();
  await answer(page, [DIAGNOSIS, "Non-malignant condition"]);
  // Decided at once. The live region announces the determination and its one-sentence reason,
  // never the trace again.
  await expect(announced(page)).toHaveText(
    /^Experimental, investigational or unprovenDecided at Hematologic malignancy \(gate 2\): [^]*$/,
  );
  await expect(announced(page)).not.toContainText("Service requested (gate 1)");
  await expect(outcome(page)).toContainText("Experimental, investigational or unproven");
  await expect(outcome(page)).toContainText("Prior HSCT (gate 4): Not asked");
  await expect(outcome(page)).toContainText("Same cell source as the HSCT (gate 5): Not asked");
  await expect(page.getByText("Step 2 of 2")).toBeVisible();
  await page.getByRole("button", { name: "Finish and review" }).click();
  const review = page.getByRole("region", { name: "Review" });
  await expect(review.getByRole("button", { name: /^Change:/ })).toHaveCount(2);

  // Back to a hematologic malignancy: the earlier answers count again.
  await review.getByRole("button", { name: `Change: ${DIAGNOSIS}` }).click();
  await answer(page, [DIAGNOSIS, "Acute myeloid leukemia (AML)"]);
  await expect(outcome(page)).toContainText("Prior HSCT (gate 4): Met");
  await expect(outcome(page)).toContainText(`Next question: ${REGIMEN}`);
});

test("the next-question link in the outcome goes to that question", async ({ page }) => {
  await openWizard(page);
  await walk(page, [[SERVICE, HPC]]);
  await page.getByRole("button", { name: "Back" }).click();
  await outcome(page).getByRole("link", { name: PRIOR }).click();
  await expect(page.locator("legend", { hasText: PRIOR })).toBeFocused();
});

test("Show policy text quotes the passages behind a DLI question and its answer", async ({
  page,
}) => {
  await openWizard(page);
  await walk(page, [[SERVICE, DLI]]);
  await answer(page, [DIAGNOSIS, "Chronic myelogenous leukemia (CML)"]);
  const toggle = page.getByRole("button", { name: "Show policy text" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const panel = page.getByRole("region", { name: `Policy text for: ${DIAGNOSIS}` });
  await expect(panel).toContainText(
    "DLI is considered experimental, investigational or unproven for any other condition.",
  );
  // The chosen diagnosis brings its literature review.
  await expect(panel).toContainText(
    "DLI is an effective means of restoring sustained, complete cytogenetic or molecular remissions in patients with relapsed CML",
  );
  await expect(panel).toContainText(
    "General Background › Donor Lymphocyte Infusion (DLI) › Literature Review",
  );
  await expect(panel.getByRole("link", { name: /literature\.cml\.1/ })).toHaveAttribute(
    "href",
    "/policy#literature.cml.1",
  );

  await next(page);
  await page.getByRole("button", { name: "Show policy text" }).click();
  await expect(
    page.getByRole("region", { name: `Policy text for: ${DLI_INDICATION}` }),
  ).toContainText(
    "Donor lymphocyte infusion (DLI) is considered medically necessary following an allogeneic hematopoietic stem cell transplantation (HSCT)",
  );
});

test("Show policy text quotes the HPC boost passages, with the poor graft function definition", async ({
  page,
}) => {
  await openWizard(page);
  await walk(page, [
    [SERVICE, HPC],
    [PRIOR, AUTOLOGOUS],
    [DONOR, "Yes"],
    [REGIMEN, "No"],
  ]);
  await answer(page, [BOOST_INDICATION, "Promote engraftment (poor graft function)"]);
  await page.getByRole("button", { name: "Show policy text" }).click();
  const panel = page.getByRole("region", { name: `Policy text for: ${BOOST_INDICATION}` });
  await expect(panel).toContainText(
    "Poor graft function is a severe complication of HSCT which is defined as persistent cytopenias and/or transfusion dependence.",
  );
  await expect(panel).toContainText(
    "enhancement of chimerism when studies reveal <100% donor cells",
  );
  await panel.getByRole("link", { name: /background\.hpc-boost\.1/ }).click();
  await expect(page).toHaveURL(/\/policy#background\.hpc-boost\.1$/);
  await expect(page.locator('[id="background.hpc-boost.1"]')).toBeInViewport();
});

test("a bad chimerism value gets a message next to it and does not decide the case", async ({
  page,
}) => {
  await openWizard(page);
  await walk(page, [
    [SERVICE, HPC],
    [PRIOR, ALLOGENEIC],
    [DONOR, "Yes"],
    [REGIMEN, "No"],
    [BOOST_INDICATION, "Enhance chimerism"],
  ]);
  const field = page.getByRole("group", { name: CHIMERISM }).getByRole("textbox");
  await field.fill("150");
  await expect(page.getByText("must be a number from 0 to 100")).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(outcome(page)).toContainText("Incomplete");
  await field.fill("85");
  await expect(page.getByText("must be a number from 0 to 100")).toBeHidden();
  await expect(outcome(page)).toContainText("Medically necessary");
});

test("Next on an unanswered question says what to do", async ({ page }) => {
  await openWizard(page);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Choose an answer to continue.")).toBeVisible();
  await expect(page.getByRole("group", { name: SERVICE })).toBeVisible();
});

test("answers are kept as a draft across a reload, and Start over clears them", async ({
  page,
}) => {
  await openWizard(page);
  await walk(page, [
    [SERVICE, DLI],
    [DIAGNOSIS, "Acute myeloid leukemia (AML)"],
  ]);
  await page.reload();
  await expect(page.locator("form[data-ready]")).toBeAttached();
  await expect(page.locator("legend", { hasText: DLI_INDICATION })).toBeVisible();
  await expect(outcome(page)).toContainText(
    "Hematologic malignancy (gate 2): Met — Acute myeloid leukemia (AML)",
  );
  const stored = await page.evaluate(() => JSON.stringify(window.localStorage));
  expect(stored).toContain("aml");

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Start over" }).click();
  await expect(page.locator("legend", { hasText: SERVICE })).toBeFocused();
  await expect(outcome(page)).toContainText("Service requested (gate 1): Missing");
  await page.reload();
  await expect(page.locator("form[data-ready]")).toBeAttached();
  await expect(page.getByRole("group", { name: SERVICE })).toBeVisible();
  await expect(page.getByRole("radio", { checked: true })).toHaveCount(0);
});

test("the review step prints a clean summary", async ({ page }) => {
  await openWizard(page);
  await walk(page, [
    [SERVICE, DLI],
    [DIAGNOSIS, "Solid tumor (not a hematologic malignancy)"],
  ]);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print summary" })).toBeHidden();
  const today = new Date().toISOString().slice(0, 10);
  await expect(
    page.getByText(`Medical Coverage Policy 0261, version 2021-07-15, rules revision 3`),
  ).toBeVisible();
  await expect(page.getByText(`Printed ${today}.`)).toBeVisible();
  await expect(page.getByRole("region", { name: "Review" })).toContainText(
    "Experimental, investigational or unproven",
  );
});

test("a FHIR QuestionnaireResponse file prefills the answers; a bad one is explained", async ({
  page,
}) => {
  await openWizard(page);
  const qr = {
    resourceType: "QuestionnaireResponse",
    questionnaire: "urn:coverage-policy:0261:questionnaire|2021-07-15",
    status: "completed",
    item: [
      { linkId: "service", answer: [{ valueCoding: { code: "hpc-boost" } }] },
      { linkId: "priorTransplant", answer: [{ valueCoding: { code: "autologous" } }] },
      // Coded yes/no, as responses made before rules revision 2 carry them.
      { linkId: "sameDonor", answer: [{ valueCoding: { code: "true" } }] },
      { linkId: "preparativeRegimen", answer: [{ valueCoding: { code: "false" } }] },
    ],
  };
  const disclosure = page.getByText("Import from a FHIR file", { exact: true });
  const input = page.getByLabel(
    "Answers exported by an EHR as a FHIR QuestionnaireResponse (.json)",
  );
  await disclosure.click();
  await input.setInputFiles({
    name: "ehr.json",
    mimeType: "application/fhir+json",
    buffer: Buffer.from(JSON.stringify(qr)),
  });
  await expect(page.locator("legend", { hasText: BOOST_INDICATION })).toBeFocused();
  await expect(outcome(page)).toContainText("No conditioning regimen (gate 6): Met — No");

  for (let i = 0; i < 4; i++) await page.getByRole("button", { name: "Back" }).click();
  await disclosure.click();
  const bad = {
    ...qr,
    item: [{ linkId: "service", answer: [{ valueCoding: { code: "stem-cells" } }] }],
  };
  await input.setInputFiles({
    name: "bad.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  await expect(
    page.getByText(
      "QuestionnaireResponse.item[0].answer[0].valueCoding.code: must be one of: dli, hpc-boost.",
    ),
  ).toBeVisible();
  await expect(outcome(page)).toContainText("Prior HSCT (gate 4): Met — Autologous HSCT only");
});
