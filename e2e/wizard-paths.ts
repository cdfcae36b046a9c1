import {
  ALLOGENEIC,
  AUTOLOGOUS,
  BOOST_INDICATION,
  CHIMERISM,
  DIAGNOSIS,
  DLI,
  DLI_CML,
  DLI_CML_RELAPSE,
  DLI_INDICATION,
  DLI_DONOR,
  DONOR,
  HPC,
  PRIOR,
  REGIMEN,
  SERVICE,
  type Step,
} from "./wizard-helpers";

// The determination paths the wizard (wizard-paths.spec.ts) and Smart Forms
// (smart-forms.spec.ts) are each walked through.

const MN = "Medically necessary";
const NMN = "Not medically necessary — criteria not met";
const EIU = "Experimental, investigational or unproven";
const OUTSIDE = "Outside this policy — refer to a medical director";

const HPC_ALLO: Step[] = [
  [SERVICE, HPC],
  [PRIOR, ALLOGENEIC],
  [DONOR, "Yes"],
  [REGIMEN, "No"],
];
const HPC_AUTO: Step[] = [
  [SERVICE, HPC],
  [PRIOR, AUTOLOGOUS],
  [DONOR, "Yes"],
  [REGIMEN, "No"],
];

// One row per determination path of rules-0261.md revision 3, driven by the contract's wording.
export const PATHS: [name: string, steps: readonly Step[], label: string, decidedAt: string][] = [
  [
    "DLI for a non-malignant condition",
    [
      [SERVICE, DLI],
      [DIAGNOSIS, "Non-malignant condition"],
    ],
    EIU,
    "gate 2",
  ],
  [
    "DLI for a solid tumor",
    [
      [SERVICE, DLI],
      [DIAGNOSIS, "Solid tumor (not a hematologic malignancy)"],
    ],
    EIU,
    "gate 2",
  ],
  [
    "DLI for another indication",
    [
      [SERVICE, DLI],
      [DIAGNOSIS, "Acute myeloid leukemia (AML)"],
      [DLI_INDICATION, "Other — not treatment or prevention of the hematologic malignancy"],
    ],
    EIU,
    "gate 3",
  ],
  ["DLI, no prior HSCT", [...DLI_CML, [PRIOR, "No prior HSCT"]], NMN, "gate 4"],
  ["DLI after an autologous HSCT only", [...DLI_CML, [PRIOR, AUTOLOGOUS]], NMN, "gate 4"],
  [
    "HPC boost, no prior HSCT",
    [
      [SERVICE, HPC],
      [PRIOR, "No prior HSCT"],
    ],
    OUTSIDE,
    "gate 4",
  ],
  [
    "DLI from another donor",
    [...DLI_CML, [PRIOR, ALLOGENEIC], [DLI_DONOR, "No"]],
    OUTSIDE,
    "gate 5",
  ],
  ["DLI with conditioning", [...DLI_CML_RELAPSE.slice(0, -1), [REGIMEN, "Yes"]], OUTSIDE, "gate 6"],
  ["HPC boost with conditioning", [...HPC_AUTO.slice(0, -1), [REGIMEN, "Yes"]], OUTSIDE, "gate 6"],
  ["DLI for relapsed CML", DLI_CML_RELAPSE, MN, "gate 7"],
  [
    "HPC boost to promote engraftment after autologous HSCT",
    [...HPC_AUTO, [BOOST_INDICATION, "Promote engraftment (poor graft function)"]],
    MN,
    "gate 7",
  ],
  [
    "HPC boost, 2% donor cells (graft loss)",
    [...HPC_ALLO, [BOOST_INDICATION, "Enhance chimerism"], [CHIMERISM, 2]],
    OUTSIDE,
    "gate 8",
  ],
  [
    "HPC boost, 99.9% donor cells",
    [...HPC_ALLO, [BOOST_INDICATION, "Enhance chimerism"], [CHIMERISM, 99.9]],
    MN,
    "gate 8",
  ],
  [
    "HPC boost, 100% donor cells",
    [...HPC_ALLO, [BOOST_INDICATION, "Enhance chimerism"], [CHIMERISM, 100]],
    NMN,
    "gate 8",
  ],
  ["HPC boost for another indication", [...HPC_ALLO, [BOOST_INDICATION, "Other"]], NMN, "gate 7"],
];
