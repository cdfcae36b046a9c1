import { expect, test } from "./fixtures";
import {
  BOOST_INDICATION,
  DLI_CML_RELAPSE,
  DLI_START,
  CHIMERISM,
  DIAGNOSIS,
  DLI,
  DLI_INDICATION,
  DONOR,
  HPC,
  PRIOR,
  REGIMEN,
  SERVICE,
  outcome,
  walk,
  type Step,
  openWizard,
} from "./wizard-helpers";

const MN = "Medically necessary";
const NMN = "Not medically necessary — criteria not met";
const EIU = "Experimental, investigational or unproven";

const HPC_ALLO: Step[] = [
  [SERVICE, HPC],
  [PRIOR, "Allogeneic HSCT"],
  [DONOR, "Yes"],
  [REGIMEN, "No"],
];

// One row per determination path of rules-0261.md, driven by the contract's wording.
const PATHS: [name: string, steps: readonly Step[], label: string, decidedAt: string][] = [
  [
    "DLI, no prior HSCT",
    [
      [SERVICE, DLI],
      [PRIOR, "No prior HSCT"],
    ],
    NMN,
    "gate 2",
  ],
  [
    "HPC boost, no prior HSCT",
    [
      [SERVICE, HPC],
      [PRIOR, "No prior HSCT"],
    ],
    NMN,
    "gate 2",
  ],
  [
    "DLI after autologous HSCT",
    [
      [SERVICE, DLI],
      [PRIOR, "Autologous HSCT"],
    ],
    NMN,
    "gate 2",
  ],
  [
    "DLI from another donor",
    [
      [SERVICE, DLI],
      [PRIOR, "Allogeneic HSCT"],
      [DONOR, "No"],
    ],
    NMN,
    "gate 3",
  ],
  ["DLI with conditioning", [...DLI_START.slice(0, 3), [REGIMEN, "Yes"]], NMN, "gate 4"],
  [
    "HPC boost with conditioning",
    [
      [SERVICE, HPC],
      [PRIOR, "Autologous HSCT"],
      [REGIMEN, "Yes"],
    ],
    NMN,
    "gate 4",
  ],
  [
    "DLI for a non-malignant condition",
    [...DLI_START, [DIAGNOSIS, "Non-malignant condition"]],
    EIU,
    "gate 5",
  ],
  [
    "DLI for another indication",
    [...DLI_START, [DIAGNOSIS, "Acute myeloid leukemia (AML)"], [DLI_INDICATION, "Other"]],
    EIU,
    "gate 5",
  ],
  ["DLI for relapsed CML", DLI_CML_RELAPSE, MN, "gate 5"],
  [
    "HPC boost to promote engraftment after autologous HSCT",
    [
      [SERVICE, HPC],
      [PRIOR, "Autologous HSCT"],
      [REGIMEN, "No"],
      [BOOST_INDICATION, "Promote engraftment (poor graft function)"],
    ],
    MN,
    "gate 6",
  ],
  [
    "HPC boost to enhance chimerism after autologous HSCT",
    [
      [SERVICE, HPC],
      [PRIOR, "Autologous HSCT"],
      [REGIMEN, "No"],
      [BOOST_INDICATION, "Enhance chimerism"],
    ],
    NMN,
    "gate 6",
  ],
  [
    "HPC boost, 99.9% donor cells",
    [...HPC_ALLO, [BOOST_INDICATION, "Enhance chimerism"], [CHIMERISM, 99.9]],
    MN,
    "gate 6",
  ],
  [
    "HPC boost, 100% donor cells",
    [...HPC_ALLO, [BOOST_INDICATION, "Enhance chimerism"], [CHIMERISM, 100]],
    NMN,
    "gate 6",
  ],
  ["HPC boost for another indication", [...HPC_ALLO, [BOOST_INDICATION, "Other"]], NMN, "gate 6"],
];

for (const [name, steps, label, decidedAt] of PATHS) {
  test(`${name} → ${label}`, async ({ page }) => {
    await openWizard(page);
    await expect(outcome(page)).toContainText("Incomplete — the next question that decides it");
    await walk(page, steps);
    await expect(page.getByRole("heading", { name: "Review" })).toBeFocused();
    await expect(outcome(page)).toContainText(label);
    await expect(outcome(page)).toContainText(`Decided at ${decidedAt}`);
    const review = page.getByRole("region", { name: "Review" });
    for (const [question] of steps)
      await expect(review.getByRole("button", { name: `Change: ${question}` })).toBeVisible();
    await expect(review.getByText(label, { exact: true })).toBeVisible();
  });
}
