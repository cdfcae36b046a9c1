import type { Condition } from "./conditions";
import type { FinalDetermination } from "./determinations";
import { DIAGNOSES, DLI_INDICATIONS, type Field } from "./fields";
import type { PassageId } from "./passages";

/** The first rule of a gate whose conditions hold gives the gate's state. */
export interface Rule {
  when: readonly Condition[];
  state: "met" | "not-met";
  /** Present when this rule decides the case. */
  determination?: FinalDetermination;
  /** One sentence a physician and a reviewer read as the reason. */
  reason: string;
  cites: readonly PassageId[];
}

export interface Gate {
  field: Field;
  /** The gate's number in the contract (rules-0261.md, "Gates, in the order they are asked"). */
  step: 1 | 2 | 3 | 4 | 5 | 6;
  title: string;
  rules: readonly Rule[];
}

const NMN = "not-medically-necessary";
const EIU = "experimental-investigational-unproven";
const MN = "medically-necessary";

export const GATES: readonly Gate[] = [
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
    field: "priorTransplant",
    step: 2,
    title: "Prior HSCT",
    rules: [
      {
        when: [{ field: "priorTransplant", in: ["none"] }],
        state: "not-met",
        determination: NMN,
        reason: "Both therapies are given following an HSCT, and the patient has had none.",
        cites: ["overview.1"],
      },
      {
        when: [
          { field: "service", in: ["dli"] },
          { field: "priorTransplant", in: ["autologous"] },
        ],
        state: "not-met",
        determination: NMN,
        reason: "DLI is medically necessary only following an allogeneic HSCT.",
        cites: ["coverage-policy.dli", "overview.2"],
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
    step: 3,
    title: "Same donor as the HSCT",
    rules: [
      {
        when: [{ field: "sameDonor", in: [false] }],
        state: "not-met",
        determination: NMN,
        reason:
          "The donor source for DLI and HPC boost is the same as that for the HSCT; cells from another donor are a new transplant, reviewed under the policy Stem Cell Transplantation: Blood Cancers.",
        cites: ["overview.1", "related-resources"],
      },
      {
        when: [{ field: "sameDonor", in: [true] }],
        state: "met",
        reason: "The cells come from the donor of the original HSCT.",
        cites: ["overview.1"],
      },
    ],
  },
  {
    field: "preparativeRegimen",
    step: 4,
    title: "No preparative regimen",
    rules: [
      {
        when: [
          { field: "preparativeRegimen", in: [true] },
          { field: "service", in: ["dli"] },
        ],
        state: "not-met",
        determination: NMN,
        reason:
          "The recipient of DLI does not receive a preparative regimen; with conditioning the request is a transplant, reviewed under the policy Stem Cell Transplantation: Blood Cancers.",
        cites: ["background.dli.1", "related-resources"],
      },
      {
        when: [
          { field: "preparativeRegimen", in: [true] },
          { field: "service", in: ["hpc-boost"] },
        ],
        state: "not-met",
        determination: NMN,
        reason:
          "A boost is not preceded by a preparative regimen; with conditioning the request is a transplant, reviewed under the policy Stem Cell Transplantation: Blood Cancers.",
        cites: ["background.hpc-boost.1", "related-resources"],
      },
      {
        when: [
          { field: "preparativeRegimen", in: [false] },
          { field: "service", in: ["dli"] },
        ],
        state: "met",
        reason: "No preparative regimen precedes the DLI.",
        cites: ["background.dli.1"],
      },
      {
        when: [
          { field: "preparativeRegimen", in: [false] },
          { field: "service", in: ["hpc-boost"] },
        ],
        state: "met",
        reason: "No preparative regimen precedes the boost.",
        cites: ["background.hpc-boost.1"],
      },
    ],
  },
  {
    field: "diagnosis",
    step: 5,
    title: "Hematologic malignancy",
    rules: [
      {
        when: [{ field: "diagnosis", in: ["non-malignant"] }],
        state: "not-met",
        determination: EIU,
        reason:
          "DLI is considered experimental, investigational or unproven for any condition other than a hematologic malignancy.",
        cites: ["coverage-policy.experimental", "coverage-policy.dli"],
      },
      {
        when: [
          {
            field: "diagnosis",
            in: DIAGNOSES.filter((d) => d !== "non-malignant"),
          },
        ],
        state: "met",
        reason: "The underlying diagnosis is a hematologic malignancy.",
        cites: ["coverage-policy.dli"],
      },
    ],
  },
  {
    field: "dliIndication",
    step: 5,
    title: "DLI indication",
    rules: [
      {
        when: [{ field: "dliIndication", in: ["other"] }],
        state: "not-met",
        determination: EIU,
        reason:
          "DLI is covered only for a relapsed, persistent or refractory hematologic malignancy or a high risk of relapse; it is not used to promote engraftment or enhancement of chimerism, and is experimental, investigational or unproven for any other condition.",
        cites: ["coverage-policy.experimental", "background.dli.1"],
      },
      {
        when: [
          {
            field: "dliIndication",
            in: DLI_INDICATIONS.filter((i) => i !== "other"),
          },
        ],
        state: "met",
        determination: MN,
        reason:
          "DLI is medically necessary following an allogeneic HSCT for a relapsed, persistent or refractory hematologic malignancy or when there is high risk of relapse.",
        cites: ["coverage-policy.dli", "overview.2"],
      },
    ],
  },
  {
    field: "boostIndication",
    step: 6,
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
    step: 6,
    title: "Donor chimerism below 100%",
    rules: [
      {
        when: [{ field: "donorChimerismPercent", below: 100 }],
        state: "met",
        determination: MN,
        reason:
          "Studies reveal <100% donor cells, so an HPC boost to enhance chimerism is medically necessary.",
        cites: ["coverage-policy.hpc-boost"],
      },
      {
        when: [{ field: "donorChimerismPercent", atLeast: 100 }],
        state: "not-met",
        determination: NMN,
        reason:
          "Studies reveal 100% donor cells; a boost to enhance chimerism is covered only when they reveal <100%.",
        cites: ["coverage-policy.hpc-boost"],
      },
    ],
  },
];
