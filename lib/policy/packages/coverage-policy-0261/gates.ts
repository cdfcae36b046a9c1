import type { Gate } from "@/lib/policy/engine/types";
import {
  DLI_INDICATIONS,
  HEMATOLOGIC_MALIGNANCIES,
  NOT_HEMATOLOGIC_MALIGNANCY,
  type Field,
} from "./fields";

const NMN = "not-medically-necessary";
const EIU = "experimental-investigational-unproven";
const MN = "medically-necessary";
const OUTSIDE = "outside-policy";

// rules-0261.md r2, gates 4 to 6: what the policy does not address is a transplant, never a denial.
const TRANSPLANT_CPT = "(CPT 38240 allogeneic / 38241 autologous)";
const NOT_THIS_POLICY =
  "reviewed under the applicable transplant policy; this policy does not decide it";

export const GATES: readonly Gate<Field>[] = [
  {
    field: "service",
    step: 1,
    title: "Service requested",
    rules: [
      {
        when: [{ field: "service", in: ["dli"] }],
        state: "met",
        reason: "Donor lymphocyte infusion (CPT 38242) is requested.",
        cites: ["coverage-policy.dli", "coding.cpt"],
      },
      {
        when: [{ field: "service", in: ["hpc-boost"] }],
        state: "met",
        reason: "A hematopoietic progenitor cell boost (CPT 38243) is requested.",
        cites: ["coverage-policy.hpc-boost", "coding.cpt"],
      },
    ],
  },
  {
    field: "diagnosis",
    step: 2,
    title: "Hematologic malignancy",
    rules: [
      {
        when: [{ field: "diagnosis", in: NOT_HEMATOLOGIC_MALIGNANCY }],
        state: "not-met",
        determination: EIU,
        reason:
          "DLI is considered experimental, investigational or unproven for any condition other than a hematologic malignancy, whatever the transplant, donor or regimen.",
        cites: ["coverage-policy.experimental", "coverage-policy.dli"],
      },
      {
        when: [{ field: "diagnosis", in: HEMATOLOGIC_MALIGNANCIES }],
        state: "met",
        reason:
          "DLI is given to treat or prevent a hematologic malignancy, the use the policy covers.",
        cites: ["coverage-policy.dli", "background.dli.2"],
      },
    ],
  },
  {
    field: "dliIndication",
    step: 3,
    title: "DLI indication",
    rules: [
      {
        when: [{ field: "dliIndication", in: ["other"] }],
        state: "not-met",
        determination: EIU,
        reason:
          "DLI is covered for a relapsed, persistent or refractory hematologic malignancy or a high risk of its relapse; it is not used to promote engraftment or enhancement of chimerism, and is experimental, investigational or unproven for any other condition.",
        cites: ["coverage-policy.experimental", "background.dli.1"],
        note: "The policy's background says DLI “can treat infections”; the coverage statements do not adopt that sentence, so it is not support for coverage.",
      },
      {
        when: [{ field: "dliIndication", in: DLI_INDICATIONS.filter((i) => i !== "other") }],
        state: "met",
        reason:
          "The DLI is for a relapsed, persistent or refractory hematologic malignancy or a high risk of its relapse, the indications the policy covers.",
        cites: ["coverage-policy.dli", "overview.2"],
      },
    ],
  },
  {
    field: "priorTransplant",
    step: 4,
    title: "Prior HSCT",
    rules: [
      {
        when: [
          { field: "service", in: ["dli"] },
          { field: "priorTransplant", in: ["none", "autologous"] },
        ],
        state: "not-met",
        determination: NMN,
        reason:
          "DLI is medically necessary only following an allogeneic HSCT, and the patient has not had one.",
        cites: ["coverage-policy.dli", "overview.2"],
      },
      {
        when: [
          { field: "service", in: ["hpc-boost"] },
          { field: "priorTransplant", in: ["none"] },
        ],
        state: "not-met",
        determination: OUTSIDE,
        reason: `An HPC boost follows an HSCT; stem cells without a prior HSCT are a first transplant ${TRANSPLANT_CPT}, ${NOT_THIS_POLICY}.`,
        cites: ["coverage-policy.hpc-boost", "overview.1", "related-resources"],
      },
      {
        when: [
          { field: "service", in: ["dli"] },
          { field: "priorTransplant", in: ["allogeneic"] },
        ],
        state: "met",
        reason: "DLI follows an allogeneic HSCT.",
        cites: ["coverage-policy.dli"],
      },
      {
        when: [
          { field: "service", in: ["hpc-boost"] },
          { field: "priorTransplant", in: ["allogeneic", "autologous"] },
        ],
        state: "met",
        reason: "An HPC boost may follow an autologous or an allogeneic HSCT.",
        cites: ["coverage-policy.hpc-boost"],
      },
    ],
  },
  {
    field: "sameDonor",
    step: 5,
    title: "Same cell source as the HSCT",
    rules: [
      {
        when: [{ field: "sameDonor", in: [false] }],
        state: "not-met",
        determination: OUTSIDE,
        reason: `The policy describes DLI and HPC boost with cells from the same source as the HSCT; cells from another source are a new transplant ${TRANSPLANT_CPT}, ${NOT_THIS_POLICY}.`,
        cites: ["overview.1", "related-resources"],
      },
      {
        when: [{ field: "sameDonor", in: [true] }],
        state: "met",
        reason: "The cells come from the same source as the most recent HSCT.",
        cites: ["overview.1"],
      },
    ],
  },
  {
    field: "preparativeRegimen",
    step: 6,
    title: "No conditioning regimen",
    rules: [
      {
        when: [
          { field: "preparativeRegimen", in: [true] },
          { field: "service", in: ["dli"] },
        ],
        state: "not-met",
        determination: OUTSIDE,
        reason: `The recipient of DLI does not receive a preparative regimen; with conditioning the request is a transplant ${TRANSPLANT_CPT}, ${NOT_THIS_POLICY}.`,
        cites: ["background.dli.1", "related-resources"],
      },
      {
        when: [
          { field: "preparativeRegimen", in: [true] },
          { field: "service", in: ["hpc-boost"] },
        ],
        state: "not-met",
        determination: OUTSIDE,
        reason: `A boost is not preceded by a preparative regimen; with conditioning the request is a transplant ${TRANSPLANT_CPT}, ${NOT_THIS_POLICY}.`,
        cites: ["background.hpc-boost.1", "related-resources"],
      },
      {
        when: [
          { field: "preparativeRegimen", in: [false] },
          { field: "service", in: ["dli"] },
        ],
        state: "met",
        reason: "No conditioning regimen precedes the DLI.",
        cites: ["background.dli.1"],
      },
      {
        when: [
          { field: "preparativeRegimen", in: [false] },
          { field: "service", in: ["hpc-boost"] },
        ],
        state: "met",
        reason: "No conditioning regimen precedes the boost.",
        cites: ["background.hpc-boost.1"],
      },
    ],
  },
  {
    step: 7,
    title: "DLI coverage statement",
    appliesWhen: [{ field: "service", in: ["dli"] }],
    rules: [
      {
        when: [],
        state: "met",
        determination: MN,
        reason:
          "DLI following an allogeneic HSCT, with cells from the same donor and no conditioning regimen, for a relapsed, persistent or refractory hematologic malignancy or a high risk of its relapse, is medically necessary.",
        cites: ["coverage-policy.dli"],
      },
    ],
  },
  {
    field: "boostIndication",
    step: 7,
    title: "HPC boost indication",
    rules: [
      {
        when: [{ field: "boostIndication", in: ["promote-engraftment"] }],
        state: "met",
        determination: MN,
        reason: "An HPC boost to promote engraftment is medically necessary following HSCT.",
        cites: ["coverage-policy.hpc-boost", "background.hpc-boost.1"],
      },
      {
        when: [
          { field: "boostIndication", in: ["enhance-chimerism"] },
          { field: "priorTransplant", in: ["autologous"] },
        ],
        state: "not-met",
        determination: NMN,
        reason:
          "Enhancement of chimerism is covered when studies reveal <100% donor cells; after an autologous HSCT there are no donor cells to measure.",
        cites: ["coverage-policy.hpc-boost"],
      },
      {
        when: [
          { field: "boostIndication", in: ["enhance-chimerism"] },
          { field: "priorTransplant", in: ["allogeneic"] },
        ],
        state: "met",
        reason:
          "Enhancement of chimerism after an allogeneic HSCT depends on the donor cells in the most recent chimerism study.",
        cites: ["coverage-policy.hpc-boost"],
      },
      {
        when: [{ field: "boostIndication", in: ["other"] }],
        state: "not-met",
        determination: NMN,
        reason:
          "The policy covers an HPC boost for EITHER of two indications, promoting engraftment or enhancing chimerism when studies reveal <100% donor cells, and for no other.",
        cites: ["coverage-policy.hpc-boost"],
      },
    ],
  },
  {
    field: "donorChimerismPercent",
    step: 8,
    title: "Donor chimerism below 100%",
    rules: [
      {
        when: [{ field: "donorChimerismPercent", in: [0] }],
        state: "met",
        determination: MN,
        reason:
          "Studies reveal <100% donor cells in the lowest lineage tested, so an HPC boost to enhance chimerism is medically necessary.",
        cites: ["coverage-policy.hpc-boost"],
        note: "0% donor cells may mean graft failure; a second transplant is reviewed under the applicable transplant policy.",
      },
      {
        when: [{ field: "donorChimerismPercent", below: 100 }],
        state: "met",
        determination: MN,
        reason:
          "Studies reveal <100% donor cells in the lowest lineage tested, so an HPC boost to enhance chimerism is medically necessary.",
        cites: ["coverage-policy.hpc-boost"],
      },
      {
        when: [{ field: "donorChimerismPercent", atLeast: 100 }],
        state: "not-met",
        determination: NMN,
        reason:
          "Studies reveal 100% donor cells in every lineage tested; a boost to enhance chimerism is covered only when they reveal <100%.",
        cites: ["coverage-policy.hpc-boost"],
      },
    ],
  },
];
