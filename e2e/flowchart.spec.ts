import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { pdfText } from "../test/pdf-text";
import { seededReference } from "./accounts";
import { expect, test } from "./fixtures";
import {
  ALLOGENEIC,
  BOOST_INDICATION,
  CHIMERISM,
  DIAGNOSIS,
  DLI,
  DLI_CML,
  DLI_CML_RELAPSE,
  DLI_DONOR,
  DLI_INDICATION,
  DONOR,
  HPC,
  PRIOR,
  REGIMEN,
  SERVICE,
  answer,
  expectNoAxeViolations,
  openWizard,
  outcome,
  walk,
  type Step,
} from "./wizard-helpers";
import { signIn } from "./workspace-helpers";

const charts = (page: Page) => page.getByTestId("flowchart");

/** What the chart shows lit: the gates the case passed and decided at, and the arrows it took. */
async function litPath(chart: Locator) {
  return chart.evaluate((svg) => {
    const words = (el: Element) =>
      [...el.querySelectorAll("tspan")].map((t) => t.textContent).join(" ");
    return {
      gates: [...svg.querySelectorAll("[data-gate]")]
        .filter((g) => ["met", "not-met", "decided"].includes(g.getAttribute("data-state")!))
        .map(
          (g) =>
            `${g.getAttribute("data-title")}${g.getAttribute("data-state") === "decided" ? " (decided)" : ""}`,
        ),
      arrows: [...svg.querySelectorAll("[data-arrow][data-taken] > text")].map(words),
      reached: [...svg.querySelectorAll("[data-outcome][data-reached]")].map((o) =>
        o.getAttribute("data-outcome"),
      ),
      // Every box's text, title and gate number: no two may read the same.
      boxes: [...svg.querySelectorAll("[data-gate] > text")].map(words),
    };
  });
}

const EIU = "experimental-investigational-unproven";
const NMN = "not-medically-necessary";
const OUTSIDE = "outside-policy";
const MN = "medically-necessary";

const TO_DLI = "“Donor lymphocyte infusion (DLI)”";
const TO_HPC = "“Hematopoietic progenitor cell (HPC) boost”";
const MALIGNANCY = "A hematologic malignancy";
const RELAPSE =
  "A relapsed, persistent or refractory hematologic malignancy, or a high risk of its relapse";
const DLI_AFTER = "“Allogeneic HSCT (including after an earlier autologous HSCT)”";
const HPC_AFTER =
  "“Allogeneic HSCT (including after an earlier autologous HSCT)” or “Autologous HSCT only”";

const DLI_GATES = ["Service requested", "Hematologic malignancy", "DLI indication", "Prior HSCT"];
const HPC_GATES = ["Service requested", "Prior HSCT", "Same cell source as the HSCT"];
const HPC_UP_TO_INDICATION: readonly Step[] = [
  [SERVICE, HPC],
  [PRIOR, ALLOGENEIC],
  [DONOR, "Yes"],
  [REGIMEN, "No"],
];

// Every way a case can be decided, for each service: reached through the wizard, the gates it
// passed, the gate that decided, the arrows it took with their labels, the determination reached.
const CASES: {
  name: string;
  steps: readonly Step[];
  gates: string[];
  arrows: string[];
  reached: string;
}[] = [
  {
    name: "DLI for a solid tumor",
    steps: [
      [SERVICE, DLI],
      [DIAGNOSIS, "Solid tumor (not a hematologic malignancy)"],
    ],
    gates: ["Service requested", "Hematologic malignancy (decided)"],
    arrows: [TO_DLI, "“Solid tumor (not a hematologic malignancy)” or “Non-malignant condition”"],
    reached: EIU,
  },
  {
    name: "DLI for another indication",
    steps: [
      ...DLI_CML.slice(0, 2),
      [DLI_INDICATION, "Other — not treatment or prevention of the hematologic malignancy"],
    ],
    gates: ["Service requested", "Hematologic malignancy", "DLI indication (decided)"],
    arrows: [
      TO_DLI,
      MALIGNANCY,
      "“Other — not treatment or prevention of the hematologic malignancy”",
    ],
    reached: EIU,
  },
  {
    name: "DLI with no prior HSCT",
    steps: [...DLI_CML, [PRIOR, "No prior HSCT"]],
    gates: [...DLI_GATES.slice(0, 3), "Prior HSCT (decided)"],
    arrows: [TO_DLI, MALIGNANCY, RELAPSE, "“No prior HSCT” or “Autologous HSCT only”"],
    reached: NMN,
  },
  {
    name: "DLI from another donor",
    steps: [...DLI_CML, [PRIOR, ALLOGENEIC], [DLI_DONOR, "No"]],
    gates: [...DLI_GATES, "Same cell source as the HSCT (decided)"],
    arrows: [TO_DLI, MALIGNANCY, RELAPSE, DLI_AFTER, "“No” (not met)"],
    reached: OUTSIDE,
  },
  {
    name: "DLI after conditioning",
    steps: [...DLI_CML, [PRIOR, ALLOGENEIC], [DLI_DONOR, "Yes"], [REGIMEN, "Yes"]],
    gates: [...DLI_GATES, "Same cell source as the HSCT", "No conditioning regimen (decided)"],
    arrows: [TO_DLI, MALIGNANCY, RELAPSE, DLI_AFTER, "“Yes” (met)", "“Yes” (not met)"],
    reached: OUTSIDE,
  },
  {
    name: "DLI medically necessary",
    steps: DLI_CML_RELAPSE,
    gates: [
      ...DLI_GATES,
      "Same cell source as the HSCT",
      "No conditioning regimen",
      "DLI coverage statement (decided)",
    ],
    arrows: [
      TO_DLI,
      MALIGNANCY,
      RELAPSE,
      DLI_AFTER,
      "“Yes” (met)",
      "“No” (met)",
      "Every gate above met",
    ],
    reached: MN,
  },
  {
    name: "HPC boost with no prior HSCT",
    steps: [
      [SERVICE, HPC],
      [PRIOR, "No prior HSCT"],
    ],
    gates: ["Service requested", "Prior HSCT (decided)"],
    arrows: [TO_HPC, "“No prior HSCT”"],
    reached: OUTSIDE,
  },
  {
    name: "HPC boost from another source",
    steps: [...HPC_UP_TO_INDICATION.slice(0, 2), [DONOR, "No"]],
    gates: ["Service requested", "Prior HSCT", "Same cell source as the HSCT (decided)"],
    arrows: [TO_HPC, HPC_AFTER, "“No” (not met)"],
    reached: OUTSIDE,
  },
  {
    name: "HPC boost after conditioning",
    steps: [...HPC_UP_TO_INDICATION.slice(0, 3), [REGIMEN, "Yes"]],
    gates: [...HPC_GATES, "No conditioning regimen (decided)"],
    arrows: [TO_HPC, HPC_AFTER, "“Yes” (met)", "“Yes” (not met)"],
    reached: OUTSIDE,
  },
  {
    name: "HPC boost to promote engraftment",
    steps: [
      ...HPC_UP_TO_INDICATION,
      [BOOST_INDICATION, "Promote engraftment (poor graft function)"],
    ],
    gates: [...HPC_GATES, "No conditioning regimen", "HPC boost indication (decided)"],
    arrows: [
      TO_HPC,
      HPC_AFTER,
      "“Yes” (met)",
      "“No” (met)",
      "“Promote engraftment (poor graft function)”",
    ],
    reached: MN,
  },
  {
    name: "HPC boost for another indication",
    steps: [...HPC_UP_TO_INDICATION, [BOOST_INDICATION, "Other"]],
    gates: [...HPC_GATES, "No conditioning regimen", "HPC boost indication (decided)"],
    arrows: [TO_HPC, HPC_AFTER, "“Yes” (met)", "“No” (met)", "“Other”"],
    reached: NMN,
  },
  ...(
    [
      [3, "Below 5%", OUTSIDE],
      [50, "5% to below 100%", MN],
      [97, "5% to below 100%", MN],
      [100, "100%", NMN],
    ] as const
  ).map(([percent, label, reached]) => ({
    name: `HPC boost to enhance chimerism at ${percent}% donor cells`,
    steps: [
      ...HPC_UP_TO_INDICATION,
      [BOOST_INDICATION, "Enhance chimerism"],
      [CHIMERISM, percent],
    ] as Step[],
    gates: [
      ...HPC_GATES,
      "No conditioning regimen",
      "HPC boost indication",
      "Donor chimerism below 100% (decided)",
    ],
    arrows: [TO_HPC, HPC_AFTER, "“Yes” (met)", "“No” (met)", "“Enhance chimerism”", label],
    reached,
  })),
];

const DLI_ONLY = ["Hematologic malignancy", "DLI indication", "DLI coverage statement"];
const BOOST_ONLY = ["HPC boost indication", "Donor chimerism below 100%"];

for (const c of CASES)
  test(`the flowchart draws the path of ${c.name}, every arrow taken labelled`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 900 });
    await openWizard(page);
    await walk(page, c.steps.slice(0, -1));
    await answer(page, c.steps.at(-1)!);
    // Once the service is answered, its own chart only: never the other service's gates.
    await expect(charts(page)).toHaveCount(1);
    const chart = charts(page);
    await expect(chart.locator(`[data-outcome="${c.reached}"][data-reached]`)).toHaveCount(1);
    const lit = await litPath(chart);
    expect(lit.gates).toEqual(c.gates);
    expect(lit.arrows).toEqual(c.arrows);
    expect(lit.reached).toEqual([c.reached]);
    expect(new Set(lit.boxes).size).toBe(lit.boxes.length);
    const isDli = c.steps[0]![1] === DLI;
    for (const title of isDli ? BOOST_ONLY : DLI_ONLY)
      await expect(chart.locator(`[data-title="${title}"]`)).toHaveCount(0);
    // The words say the same: the arrow that decided and where it leads.
    await expect(chart).toHaveAccessibleDescription(
      new RegExp(`This case was decided here: .*\\(${escape(c.arrows.at(-1)!)}\\)\\.`),
    );
    for (const label of c.arrows) expect(await description(chart)).toContain(label);
    await expectNoAxeViolations(page, `${c.name}, 1366 px`);

    await page.setViewportSize({ width: 360, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    // At 360 px the outcome is a bar at the bottom of the screen: the chart is in its full view.
    await outcome(page).locator("summary").click();
    const box = (await chart.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(360);
    expect(box.width).toBeGreaterThan(250);
    expect((await litPath(chart)).arrows).toEqual(c.arrows);
    await expectNoAxeViolations(page, `${c.name}, 360 px`);
  });

/** An arrow's label as written, its lines joined. */
const words = (arrow: Locator) =>
  arrow.evaluate((g) => [...g.querySelectorAll("tspan")].map((t) => t.textContent).join(" "));
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const description = (chart: Locator) =>
  chart.evaluate((svg) => svg.querySelector("desc")!.textContent ?? "");

test("before the service is answered, both services' charts, each with its own gates, the service gate waiting", async ({
  page,
}) => {
  for (const width of [1366, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await openWizard(page);
    // At narrow widths the outcome is a bar: the chart is in its full view.
    if (width < 1024) await outcome(page).locator("summary").click();
    // Not part of the first load: the chart loads as its place comes into view.
    await page.getByRole("heading", { name: "Flowchart", exact: true }).scrollIntoViewIfNeeded();
    await expect(charts(page)).toHaveCount(2);
    const [dli, hpc] = [charts(page).nth(0), charts(page).nth(1)];
    await expect(dli).toHaveAccessibleName(
      "Decision flowchart of Medical Coverage Policy 0261: Donor lymphocyte infusion (DLI)",
    );
    await expect(hpc).toHaveAccessibleName(
      "Decision flowchart of Medical Coverage Policy 0261: Hematopoietic progenitor cell (HPC) boost",
    );
    for (const chart of [dli, hpc])
      await expect(chart.locator('[data-gate="0"]')).toHaveAttribute("data-state", "missing");
    for (const title of BOOST_ONLY)
      await expect(dli.locator(`[data-title="${title}"]`)).toHaveCount(0);
    for (const title of DLI_ONLY)
      await expect(hpc.locator(`[data-title="${title}"]`)).toHaveCount(0);
    // At the prior-HSCT gate each says which answer leads where.
    expect(await words(dli.locator(`[data-outcome="${NMN}"] [data-arrow]`))).toBe(
      "“No prior HSCT” or “Autologous HSCT only”",
    );
    expect(await words(hpc.locator(`[data-gate="3"] [data-arrow="${OUTSIDE}"]`))).toBe(
      "“No prior HSCT”",
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      width,
    );
    await expectNoAxeViolations(page, `wizard before the service, ${width} px`);
  }
  // Answering the service keeps its chart only.
  await answer(page, [SERVICE, HPC]);
  await expect(charts(page)).toHaveCount(1);
  await expect(charts(page)).toHaveAccessibleName(/Hematopoietic progenitor cell \(HPC\) boost$/);
});

test("the policy page draws both services' charts with no case; the reviewer page and the PDF the case's, arrows labelled", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/policy");
  await expect(charts(visitor)).toHaveCount(2);
  await expect(charts(visitor).locator('[data-state="decided"]')).toHaveCount(0);
  await expect(charts(visitor).first()).toHaveAccessibleDescription(
    /Prior HSCT \(gate 4\): “No prior HSCT” or “Autologous HSCT only” leads to Not medically necessary/,
  );

  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "reviewer", `/review/${seededReference(1)}`);
  // The seeded request: an HPC boost to promote engraftment, decided at gate 7.
  await expect(charts(reviewer)).toHaveCount(1);
  await expect(charts(reviewer).locator('[data-state="decided"]')).toHaveAttribute(
    "data-title",
    "HPC boost indication",
  );
  expect((await litPath(charts(reviewer))).arrows).toEqual([
    TO_HPC,
    HPC_AFTER,
    "“Yes” (met)",
    "“No” (met)",
    "“Promote engraftment (poor graft function)”",
  ]);
  const [download] = await Promise.all([
    reviewer.waitForEvent("download"),
    reviewer.getByRole("link", { name: "Download summary (PDF)" }).click(),
  ]);
  const text = (await pdfText(await readFile((await download.path())!))).join("");
  const flowchart = text
    .slice(text.indexOf("Flowchart, with this case's path lit"))
    .replace(/\s+/g, "");
  expect(flowchart).toContain("HPCboostindication");
  expect(flowchart).toContain("“Promoteengraftment(poorgraftfunction)”");
  expect(flowchart).toContain("“NopriorHSCT”");
  const drawn = flowchart.slice(0, flowchart.indexOf("Answersandthepolicytexttheyreston"));
  expect(drawn).toContain("Gate7");
  expect(drawn).not.toContain("DLIcoveragestatement");
});
