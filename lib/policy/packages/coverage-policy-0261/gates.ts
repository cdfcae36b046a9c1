import type { Condition, Gate } from "@/lib/policy/engine/types";
import {
  DLI_INDICATIONS,
  HEMATOLOGIC_MALIGNANCIES,
  NOT_HEMATOLOGIC_MALIGNANCY,
  type Field,
} from "./fields";
import { DLI_REASONS, TRANSPLANT } from "./outside-reasons";

const NMN = "not-medically-necessary";
const EIU = "experimental-investigational-unproven";
const MN = "medically-necessary";
const OUTSIDE = "outside-policy";

/**
 * rules-0261.md r3, gate 8: for 100% donor cells and for a boost for "other", the reviewer asks
 * about cytopenias and transfusion dependence before any denial.
 */
const ASK_POOR_GRAFT_FUNCTION =
  "Does the patient have persistent cytopenias or transfusion dependence? If so, this is poor graft function: please correct the indication to Promote engraftment and send the recent blood counts and transfusion record.";

const DLI: Condition<Field> = { field: "service", in: ["dli"] };
const BOOST: Condition<Field> = { field: "service", in: ["hpc-boost"] };

// rules-0261.md revision 3, "Gates, in the order they are asked". Reasons and help say
// "medically necessary under this policy", never "covered": coverage is the plan's decision.
export const GATES: readonly Gate<Field>[] = [
  {
    field: "service",
    step: 1,
    title: "Service requested",
    rules: [
      {
        when: [DLI],
        state: "met",
        reason: "Donor lymphocyte infusion (CPT 38242) is requested.",
        cites: ["coverage-policy.dli", "coding.cpt"],
      },
      {
        when: [BOOST],
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
        when: [
          { field: "diagnosis", in: HEMATOLOGIC_MALIGNANCIES, as: "a hematologic malignancy" },
        ],
        state: "met",
        reason:
          "DLI is given to treat or prevent a hematologic malignancy, the use for which the policy finds it medically necessary.",
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
          "DLI is medically necessary under this policy for a relapsed, persistent or refractory hematologic malignancy or a high risk of its relapse; it is not used to promote engraftment or enhancement of chimerism, and is experimental, investigational or unproven for any other condition.",
        cites: ["coverage-policy.experimental", "background.dli.1"],
        note: "The policy's background says DLI “can treat infections”; the coverage statements adopt the relapse part of that sentence, not the infection part, so it is not support.",
      },
      {
        when: [
          {
            field: "dliIndication",
            in: DLI_INDICATIONS.filter((i) => i !== "other"),
            as: "a relapsed, persistent or refractory hematologic malignancy, or a high risk of its relapse",
          },
        ],
        state: "met",
        reason:
          "The DLI is for a relapsed, persistent or refractory hematologic malignancy or a high risk of its relapse, the indications for which the policy finds DLI medically necessary.",
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
        when: [DLI, { field: "priorTransplant", in: ["none"] }],
        state: "not-met",
        determination: NMN,
        reason:
          "DLI is medically necessary only following an allogeneic HSCT, and the patient has not had one.",
        cites: ["coverage-policy.dli", "overview.2"],
      },
      {
        when: [DLI, { field: "priorTransplant", in: ["autologous"] }],
        state: "not-met",
        determination: NMN,
        reason:
          "DLI is medically necessary only following an allogeneic HSCT, and the patient has not had one. If an allogeneic HSCT followed the autologous one, answer Allogeneic.",
        cites: ["coverage-policy.dli", "overview.2"],
      },
      {
        when: [BOOST, { field: "priorTransplant", in: ["none"] }],
        state: "not-met",
        determination: OUTSIDE,
        reason: `An HPC boost follows an HSCT; stem cells without a prior HSCT are a first ${TRANSPLANT.replace(/^a /, "")}; this policy does not decide it.`,
        cites: ["coverage-policy.hpc-boost", "overview.1", "related-resources"],
      },
      {
        when: [DLI, { field: "priorTransplant", in: ["allogeneic"] }],
        state: "met",
        reason: "DLI follows an allogeneic HSCT.",
        cites: ["coverage-policy.dli"],
      },
      {
        when: [BOOST, { field: "priorTransplant", in: ["allogeneic", "autologous"] }],
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
        when: [DLI, { field: "sameDonor", in: [false] }],
        state: "not-met",
        determination: OUTSIDE,
        reason: DLI_REASONS.otherSource,
        cites: ["overview.1", "background.dli.1"],
      },
      {
        when: [BOOST, { field: "sameDonor", in: [false] }],
        state: "not-met",
        determination: OUTSIDE,
        reason:
          "Stem cells from another source are a new transplant (CPT 38240/38241), reviewed under the applicable transplant policy.",
        cites: ["overview.1", "related-resources"],
      },
      {
        when: [DLI, { field: "sameDonor", in: [true] }],
        state: "met",
        reason: "The lymphocytes come from the donor of the most recent allogeneic HSCT.",
        cites: ["overview.1", "background.dli.1"],
      },
      {
        when: [BOOST, { field: "sameDonor", in: [true] }],
        state: "met",
        reason: "The cells come from the same source as the most recent HSCT.",
        cites: ["overview.1", "background.hpc-boost.1"],
      },
    ],
  },
  {
    field: "preparativeRegimen",
    step: 6,
    title: "No conditioning regimen",
    rules: [
      {
        when: [DLI, { field: "preparativeRegimen", in: [true] }],
        state: "not-met",
        determination: OUTSIDE,
        reason: DLI_REASONS.conditioning,
        cites: ["background.dli.1"],
      },
      {
        when: [BOOST, { field: "preparativeRegimen", in: [true] }],
        state: "not-met",
        determination: OUTSIDE,
        reason:
          "With conditioning the request is a transplant (CPT 38240/38241), reviewed under the applicable transplant policy.",
        cites: ["background.hpc-boost.1", "related-resources"],
      },
      {
        when: [DLI, { field: "preparativeRegimen", in: [false] }],
        state: "met",
        reason: "No conditioning regimen precedes the DLI.",
        cites: ["background.dli.1"],
      },
      {
        when: [BOOST, { field: "preparativeRegimen", in: [false] }],
        state: "met",
        reason: "No conditioning regimen precedes the boost.",
        cites: ["background.hpc-boost.1"],
      },
    ],
  },
  {
    step: 7,
    title: "DLI coverage statement",
    appliesWhen: [DLI],
    rules: [
      {
        when: [],
        state: "met",
        determination: MN,
        reason:
          "DLI following an allogeneic HSCT, with lymphocytes from the same donor and no conditioning regimen, for a relapsed, persistent or refractory hematologic malignancy or a high risk of its relapse, is medically necessary under this policy.",
        cites: ["coverage-policy.dli"],
      },
    ],
  },
  {
    // r3: "enhance chimerism" is not offered after an autologous HSCT (its option says so); given
    // anyway, it counts as not given and the question is asked again.
    field: "boostIndication",
    step: 7,
    title: "HPC boost indication",
    rules: [
      {
        when: [{ field: "boostIndication", in: ["promote-engraftment"] }],
        state: "met",
        determination: MN,
        reason:
          "An HPC boost to promote engraftment is medically necessary under this policy following HSCT.",
        cites: ["coverage-policy.hpc-boost", "background.hpc-boost.1"],
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
          "The policy finds an HPC boost medically necessary for EITHER of two indications, promoting engraftment or enhancing chimerism when studies reveal <100% donor cells, and for no other. For cytopenias or transfusion dependence choose Promote engraftment.",
        cites: ["coverage-policy.hpc-boost"],
        // r3: the likeliest cause is a wrong indication, not an uncovered service.
        askFirst: ASK_POOR_GRAFT_FUNCTION,
      },
    ],
  },
  {
    field: "donorChimerismPercent",
    step: 8,
    title: "Donor chimerism below 100%",
    rules: [
      {
        when: [{ field: "donorChimerismPercent", below: 5 }],
        state: "not-met",
        determination: OUTSIDE,
        reason:
          "Donor cells below 5% in the lowest lineage tested: graft rejection or loss, or split chimerism with a lymphoid lineage below 5%. Whether a boost without conditioning, a DLI or a second transplant (CPT 38240/38241) is right is for a medical director.",
        cites: ["coverage-policy.hpc-boost", "background.hpc-boost.1", "related-resources"],
        note: "The policy's letter: an HPC boost to enhance chimerism is medically necessary “when studies reveal <100% donor cells”; a medical director may approve on that basis.",
      },
      {
        when: [{ field: "donorChimerismPercent", below: 95 }],
        state: "met",
        determination: MN,
        reason:
          "Studies reveal <100% donor cells in the lowest lineage tested, so an HPC boost to enhance chimerism is medically necessary under this policy.",
        cites: ["coverage-policy.hpc-boost"],
      },
      {
        when: [{ field: "donorChimerismPercent", below: 100 }],
        state: "met",
        determination: MN,
        reason:
          "Studies reveal <100% donor cells in the lowest lineage tested, so an HPC boost to enhance chimerism is medically necessary under this policy.",
        cites: ["coverage-policy.hpc-boost"],
        note: "95–99.9% is close to the precision of most chimerism assays; confirm the lineage, the assay's limit of detection and the clinical reason.",
      },
      {
        when: [{ field: "donorChimerismPercent", atLeast: 100 }],
        state: "not-met",
        determination: NMN,
        reason:
          "Studies reveal 100% donor cells in every lineage tested; the policy finds a boost to enhance chimerism medically necessary only when they reveal <100%. If the patient has cytopenias or transfusion dependence, this is poor graft function: answer Promote engraftment.",
        cites: ["coverage-policy.hpc-boost"],
        askFirst: ASK_POOR_GRAFT_FUNCTION,
      },
    ],
  },
];
