import type {
  AnswerOption,
  CaseCites,
  CaseText,
  Condition,
  Question,
} from "@/lib/policy/engine/types";
import { CHIMERISM_MAX, CHIMERISM_MIN, HEMATOLOGIC_MALIGNANCIES, type Field } from "./fields";
import { DLI_REASONS, TRANSPLANT } from "./outside-reasons";
import type { PassageId } from "./passages.generated";

type OptionDetails = Omit<AnswerOption<Field>, "value" | "label">;
const yesNo = (yes: OptionDetails, no: OptionDetails): readonly AnswerOption<Field>[] => [
  { value: true, label: "Yes", ...yes },
  { value: false, label: "No", ...no },
];

const DLI: readonly Condition<Field>[] = [{ field: "service", in: ["dli"] }];
const BOOST: readonly Condition<Field>[] = [{ field: "service", in: ["hpc-boost"] }];
const AFTER_ALLOGENEIC: readonly Condition<Field>[] = [
  { field: "priorTransplant", in: ["allogeneic"] },
];
const AFTER_AUTOLOGOUS: readonly Condition<Field>[] = [
  { field: "priorTransplant", in: ["autologous"] },
];
/** rules-0261.md r3: for an HPC boost, another source or conditioning make it a transplant. */
const boostTransplant = (sentence: string): CaseText<Field> => ({ when: BOOST, text: sentence });

/**
 * Passages of one service each, on a question both services ask (rules-0261.md gate 4 cites
 * Coverage Policy statements 1 and 2): a DLI shows the DLI's, an HPC boost the boost's, and a case
 * whose service is not answered yet both.
 */
const perService = (dli: readonly PassageId[], boost: readonly PassageId[]): CaseCites<Field>[] => [
  { when: DLI, cites: dli },
  { when: BOOST, cites: boost },
];

const DLI_MALIGNANCY: readonly PassageId[] = ["coverage-policy.dli", "background.dli.2"];
const DLI_RELAPSE_INDICATION: readonly PassageId[] = ["coverage-policy.dli", "overview.2"];

export const QUESTIONS: readonly Question<Field>[] = [
  {
    field: "service",
    subject: "the service",
    kind: "choice",
    text: "Which service is requested?",
    askedWhen: [],
    cites: ["overview.1", "coding.cpt"],
    options: [
      {
        value: "dli",
        label: "Donor lymphocyte infusion (DLI)",
        help: "Also called donor leukocyte infusion or buffy coat infusion: lymphocytes from the blood of the donor.",
        cpt: "38242",
        cites: ["coverage-policy.dli", "background.dli.1", "coding.cpt"],
      },
      {
        value: "hpc-boost",
        label: "Hematopoietic progenitor cell (HPC) boost",
        help: "An infusion of stem cells from the source of the original HSCT: its donor, or the patient's own stored cells after an autologous HSCT.",
        cpt: "38243",
        cites: ["coverage-policy.hpc-boost", "background.hpc-boost.1", "coding.cpt"],
      },
    ],
  },
  {
    field: "diagnosis",
    subject: "the diagnosis",
    kind: "choice",
    text: "Which condition is the DLI given to treat or prevent?",
    askedWhen: DLI,
    cites: ["coverage-policy.dli", "coverage-policy.experimental", "background.dli.2"],
    options: [
      {
        value: "aml",
        label: "Acute myeloid leukemia (AML)",
        // r3: Patriarca (2020), acute leukemia, sits under ALL ¶2 and is cited for AML and ALL alike.
        cites: [...DLI_MALIGNANCY, "literature.aml-mds.1", "literature.all.2", "societies.nci"],
      },
      {
        value: "all",
        label: "Acute lymphoblastic leukemia (ALL)",
        cites: [...DLI_MALIGNANCY, "literature.all.1", "literature.all.2", "societies.nccn"],
      },
      {
        value: "cml",
        label: "Chronic myelogenous leukemia (CML)",
        cites: [
          ...DLI_MALIGNANCY,
          "literature.cml.1",
          "literature.cml.2",
          "societies.nci",
          "societies.nccn",
        ],
      },
      {
        value: "mds",
        label: "Myelodysplastic syndrome (MDS)",
        cites: [...DLI_MALIGNANCY, "literature.aml-mds.1", "literature.aml-mds.2"],
      },
      {
        value: "multiple-myeloma",
        label: "Multiple myeloma",
        cites: [
          ...DLI_MALIGNANCY,
          "literature.multiple-myeloma.1",
          "literature.multiple-myeloma.2",
          "societies.nci",
          "societies.nccn",
        ],
      },
      {
        value: "nhl",
        label: "Non-Hodgkin lymphoma (NHL)",
        help: "Includes post-transplant lymphoproliferative disorder (PTLD) after an HSCT, whatever the transplant was for. For PTLD answer the indication Persistent (active disease) or Refractory (not responding to rituximab or reduced immunosuppression).",
        cites: [...DLI_MALIGNANCY, "literature.nhl.1", "societies.nci"],
      },
      { value: "hodgkin", label: "Hodgkin lymphoma", cites: DLI_MALIGNANCY },
      { value: "cmml", label: "Chronic myelomonocytic leukemia (CMML)", cites: DLI_MALIGNANCY },
      { value: "myelofibrosis", label: "Myelofibrosis", cites: DLI_MALIGNANCY },
      {
        value: "other-hematologic-malignancy",
        label: "Other hematologic malignancy",
        help: "For example CLL, JMML, plasma cell leukemia, BPDCN, mixed-phenotype acute leukemia, another MPN or MDS/MPN, T-PLL, ATLL.",
        cites: ["coverage-policy.dli"],
      },
      {
        value: "solid-tumor",
        label: "Solid tumor (not a hematologic malignancy)",
        help: "DLI is considered experimental, investigational or unproven for any condition other than a hematologic malignancy.",
        cites: ["coverage-policy.experimental", "coverage-policy.dli"],
      },
      {
        value: "non-malignant",
        label: "Non-malignant condition",
        help: "DLI is considered experimental, investigational or unproven for any condition other than a hematologic malignancy.",
        cites: ["coverage-policy.experimental", "coverage-policy.dli"],
      },
    ],
  },
  {
    field: "dliIndication",
    subject: "the DLI indication",
    kind: "choice",
    text: "What is the indication for DLI?",
    askedWhen: [
      ...DLI,
      { field: "diagnosis", in: HEMATOLOGIC_MALIGNANCIES, as: "a hematologic malignancy" },
    ],
    cites: ["coverage-policy.dli", "overview.2"],
    options: [
      {
        value: "relapsed",
        label: "Relapsed hematologic malignancy",
        help: "Disease that returned after the HSCT, including molecular or cytogenetic relapse (for example rising BCR-ABL1).",
        cites: DLI_RELAPSE_INDICATION,
      },
      {
        value: "persistent",
        label: "Persistent hematologic malignancy (including measurable residual disease)",
        help: "Disease present after the HSCT that has not cleared, including measurable residual disease (MRD), and PTLD that arose after the HSCT.",
        // r3: DLI for active PTLD after an allogeneic HSCT treats a persistent or refractory
        // hematologic malignancy (the NCI passage).
        cites: [...DLI_RELAPSE_INDICATION, "societies.nci"],
      },
      {
        value: "refractory",
        label: "Refractory hematologic malignancy",
        help: "Disease not responding to treatment given after the HSCT.",
        cites: [...DLI_RELAPSE_INDICATION, "societies.nci"],
      },
      {
        value: "high-risk-of-relapse",
        label: "High risk of relapse of the hematologic malignancy",
        help: "No detectable disease but a high risk of relapse: a planned (prophylactic) DLI after a T-cell-depleted graft or reduced-intensity/non-myeloablative conditioning, or for high-risk disease, or a pre-emptive DLI for mixed or falling donor chimerism. Here DLI is given to prevent relapse (graft-versus-leukemia), not to restore hematopoiesis.",
        beside: {
          passage: "background.dli.1",
          quote: "DLI is not used to promote engraftment or enhancement of chimerism",
          why: "A sentence of the policy a reviewer may weigh against a pre-emptive DLI for mixed or falling chimerism: it speaks of restoring hematopoiesis, while the coverage statement finds DLI medically necessary when there is high risk of relapse.",
        },
        cites: [
          ...DLI_RELAPSE_INDICATION,
          "background.dli.2",
          "literature.all.2",
          "literature.nhl.1",
          "literature.multiple-myeloma.1",
        ],
      },
      {
        value: "other",
        label: "Other — not treatment or prevention of the hematologic malignancy",
        help: "For example a viral infection or reactivation (CMV, adenovirus, EBV viremia without PTLD), poor graft function or graft failure, or pure red cell aplasia. The policy calls DLI for these experimental, investigational or unproven; for poor graft function the policy finds an HPC boost medically necessary instead. For mixed or falling donor chimerism or measurable residual disease in a hematologic malignancy, choose an option above; for PTLD choose Non-Hodgkin lymphoma.",
        beside: {
          passage: "background.dli.1",
          quote:
            "It is now accepted that DLI, at a time remote from the transplant conditioning regimen, can treat infections and relapse successfully after allogeneic HSCT in selected patients with hematologic malignancies",
          why: "Background the coverage statements do not adopt for infections: the first statement adopts the relapse part of this sentence, not the infection part, and the policy calls DLI experimental, investigational or unproven for any other condition.",
        },
        cites: ["coverage-policy.experimental", "background.dli.1"],
      },
    ],
  },
  {
    field: "priorTransplant",
    subject: "the prior HSCT",
    kind: "choice",
    text: "Which hematopoietic stem cell transplant (HSCT) has the patient had?",
    askedWhen: [],
    citesFor: perService(["coverage-policy.dli"], ["coverage-policy.hpc-boost"]),
    cites: ["overview.1"],
    options: [
      {
        value: "allogeneic",
        label: "Allogeneic HSCT (including after an earlier autologous HSCT)",
        citesFor: perService(["coverage-policy.dli"], ["coverage-policy.hpc-boost"]),
        cites: [],
      },
      {
        value: "autologous",
        label: "Autologous HSCT only",
        helpFor: [
          {
            when: DLI,
            text: "DLI is medically necessary under this policy only after an allogeneic HSCT. If an allogeneic HSCT followed the autologous one, answer Allogeneic.",
          },
        ],
        citesFor: perService(["overview.2"], ["coverage-policy.hpc-boost", "overview.3"]),
        cites: [],
      },
      {
        value: "none",
        label: "No prior HSCT",
        helpFor: [boostTransplant(`Stem cells without a prior HSCT are then ${TRANSPLANT}.`)],
        cites: ["overview.1", "related-resources"],
      },
    ],
  },
  {
    field: "sameDonor",
    subject: "the cell source",
    kind: "choice",
    // The wording where no service is known (a FHIR renderer that cannot evaluate expressions).
    text: "Do the cells come from the same source as the patient's most recent HSCT?",
    textFor: [
      {
        when: DLI,
        text: "Are the lymphocytes collected from the donor of the patient's most recent allogeneic HSCT?",
      },
      {
        when: BOOST,
        text: "Do the cells come from the same source as the patient's most recent HSCT — the same donor, or the patient's own stored cells after an autologous HSCT?",
      },
    ],
    askedWhen: [
      {
        field: "priorTransplant",
        in: ["allogeneic", "autologous"],
        as: "an allogeneic or autologous HSCT",
      },
    ],
    cites: ["overview.1"],
    options: yesNo(
      {
        citesFor: perService(["background.dli.1"], ["background.hpc-boost.1"]),
        cites: ["overview.1"],
      },
      {
        helpFor: [
          { when: DLI, text: DLI_REASONS.otherSource },
          boostTransplant(`The request is then ${TRANSPLANT}.`),
        ],
        cites: ["overview.1", "related-resources"],
      },
    ),
  },
  {
    field: "preparativeRegimen",
    subject: "the conditioning regimen",
    kind: "choice",
    text: "Will a conditioning (preparative) regimen, as for a new transplant, be given before this infusion?",
    helpFor: [
      {
        when: DLI,
        text: "Treatment of the disease before or with the DLI — cytoreduction, hypomethylating or targeted agents — is not a preparative regimen: answer No. Answer Yes only for conditioning meant to let a new graft engraft.",
        cites: ["background.dli.1", "literature.cml.2"],
      },
      {
        when: BOOST,
        text: "Reinduction chemotherapy given days to weeks earlier to treat relapse is not a preparative regimen: answer No. Answer Yes only for conditioning meant to let a new graft engraft.",
        cites: ["background.hpc-boost.1"],
      },
    ],
    askedWhen: [
      {
        field: "priorTransplant",
        in: ["allogeneic", "autologous"],
        as: "an allogeneic or autologous HSCT",
      },
    ],
    // Each service's help carries its own passages (above).
    cites: [],
    options: yesNo(
      {
        helpFor: [
          { when: DLI, text: DLI_REASONS.conditioning },
          boostTransplant(`The request is then ${TRANSPLANT}.`),
        ],
        citesFor: perService(["background.dli.1"], ["background.hpc-boost.1"]),
        cites: ["related-resources"],
      },
      { citesFor: perService(["background.dli.1"], ["background.hpc-boost.1"]), cites: [] },
    ),
  },
  {
    field: "boostIndication",
    subject: "the HPC boost indication",
    kind: "choice",
    text: "What is the indication for the HPC boost?",
    askedWhen: BOOST,
    cites: ["coverage-policy.hpc-boost"],
    options: [
      {
        value: "promote-engraftment",
        label: "Promote engraftment (poor graft function)",
        help: "Poor graft function or delayed engraftment with the graft in place (donor cells, or the patient's own after an autologous HSCT): persistent cytopenias and/or transfusion dependence, including after reinduction chemotherapy.",
        // Only where Enhance chimerism is offered: after an autologous HSCT it would point nowhere.
        helpFor: [
          {
            when: AFTER_ALLOGENEIC,
            text: "For graft rejection or loss (donor cells below 5%) choose Enhance chimerism and enter the result; a medical director reviews it.",
          },
        ],
        cites: [
          "coverage-policy.hpc-boost",
          "background.hpc-boost.1",
          "literature.hpc-boost.1",
          "literature.hpc-boost.2",
          "literature.hpc-boost.3",
          "literature.hpc-boost.4",
        ],
      },
      {
        value: "enhance-chimerism",
        label: "Enhance chimerism",
        help: "Donor cells below 100% in at least one lineage: mixed chimerism (5% or more), or graft rejection or loss (below 5%, reviewed by a medical director).",
        // r3, gate 7: an answer that cannot be right after an autologous HSCT is asked again,
        // never read as an adverse determination.
        offered: {
          when: AFTER_ALLOGENEIC,
          otherwise:
            "Enhancement of chimerism needs donor cells; after an autologous HSCT there are none. For poor graft function or delayed engraftment choose Promote engraftment.",
        },
        cites: ["coverage-policy.hpc-boost", "overview.3"],
      },
      {
        value: "other",
        label: "Other",
        help: "Not poor graft function, mixed chimerism or graft loss.",
        helpFor: [
          {
            when: AFTER_ALLOGENEIC,
            text: "For cytopenias or transfusion dependence choose Promote engraftment; for donor cells below 5% choose Enhance chimerism.",
          },
          {
            when: AFTER_AUTOLOGOUS,
            text: "For cytopenias or transfusion dependence choose Promote engraftment.",
          },
        ],
        cites: ["coverage-policy.hpc-boost"],
      },
    ],
  },
  {
    field: "donorChimerismPercent",
    subject: "the donor chimerism",
    kind: "number",
    text: "Lowest donor percentage in any lineage tested in the most recent chimerism study (%)",
    help: "If several lineages were tested (whole blood, T cell, myeloid), enter the lowest donor percentage; give the lineages and the date in the clinical notes. Enter 100 if the report says full donor, '>99%' or no recipient cells detected; enter 0 if it says '<1%' or no donor cells detected.",
    askedWhen: [{ field: "boostIndication", in: ["enhance-chimerism"] }, ...AFTER_ALLOGENEIC],
    cites: ["coverage-policy.hpc-boost"],
    inputLabel: "Lowest donor percentage",
    min: CHIMERISM_MIN,
    max: CHIMERISM_MAX,
    unit: "%",
  },
];
