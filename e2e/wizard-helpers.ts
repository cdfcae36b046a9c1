import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export type Step = [question: string, answer: string | number];

/** Opens the wizard once it is interactive (hydrated, draft read). */
export async function openWizard(page: Page, path = "/") {
  await page.goto(path);
  await expect(page.locator("form[data-ready]")).toBeAttached();
}

/** The outcome panel: the determination, its reason, the trace and the flowchart. */
export const outcome = (page: Page) => page.getByRole("region", { name: "Outcome" });

/** The part of the panel announced on each change: the determination and its reason only. */
export const announced = (page: Page) => outcome(page).getByRole("status");

/** Answers the question on screen, then moves on with the form's own button. */
export async function answer(page: Page, [question, value]: Step) {
  const group = page.getByRole("group", { name: question });
  await expect(group).toBeVisible();
  if (typeof value === "number") await group.getByRole("textbox").fill(String(value));
  else await group.getByRole("radio", { name: value, exact: false }).check();
}

export async function next(page: Page) {
  await page.getByRole("button", { name: /^(Next|Finish and review)$/ }).click();
}

export async function walk(page: Page, steps: readonly Step[]) {
  for (const step of steps) {
    await answer(page, step);
    await next(page);
  }
}

export async function expectNoAxeViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    where,
  ).toEqual([]);
}

export const SERVICE = "Which service is requested?";
export const DIAGNOSIS = "Which condition is the DLI given to treat or prevent?";
export const DLI_INDICATION = "What is the indication for DLI?";
export const PRIOR = "Which hematopoietic stem cell transplant (HSCT) has the patient had?";
/** The cell-source question as an HPC boost asks it (rules revision 3 words it per service). */
export const DONOR =
  "Do the cells come from the same source as the patient's most recent HSCT — the same donor, or the patient's own stored cells after an autologous HSCT?";
/** The cell-source question as a DLI asks it. */
export const DLI_DONOR =
  "Are the lymphocytes collected from the donor of the patient's most recent allogeneic HSCT?";
export const REGIMEN =
  "Will a conditioning (preparative) regimen, as for a new transplant, be given before this infusion?";
export const BOOST_INDICATION = "What is the indication for the HPC boost?";
export const CHIMERISM =
  "Lowest donor percentage in any lineage tested in the most recent chimerism study (%)";

export const DLI = "Donor lymphocyte infusion (DLI)";
export const HPC = "Hematopoietic progenitor cell (HPC) boost";
export const ALLOGENEIC = "Allogeneic HSCT (including after an earlier autologous HSCT)";
export const AUTOLOGOUS = "Autologous HSCT only";

/** DLI for relapsed CML: what it treats comes first (since rules revision 2). */
export const DLI_CML: readonly Step[] = [
  [SERVICE, DLI],
  [DIAGNOSIS, "Chronic myelogenous leukemia (CML)"],
  [DLI_INDICATION, "Relapsed hematologic malignancy"],
];
/** A medically necessary DLI: relapsed CML after an allogeneic HSCT (gate 7). */
export const DLI_CML_RELAPSE: readonly Step[] = [
  ...DLI_CML,
  [PRIOR, ALLOGENEIC],
  [DLI_DONOR, "Yes"],
  [REGIMEN, "No"],
];
