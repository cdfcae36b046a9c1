import type { AnswerOption, Question } from "@/lib/policy/engine/types";
import { CHIMERISM_MAX, CHIMERISM_MIN, HEMATOLOGIC_MALIGNANCIES, type Field } from "./fields";
import type { PassageId } from "./passages.generated";

type OptionDetails = Omit<AnswerOption<Field>, "value" | "label">;
const yesNo = (yes: OptionDetails, no: OptionDetails): readonly AnswerOption<Field>[] => [
  { value: true, label: "Yes", ...yes },
  { value: false, label: "No", ...no },
];

// rules-0261.md r2: another cell source, a conditioning regimen and an HPC boost without a prior
// HSCT are transplants, which this policy does not decide.
const A_TRANSPLANT =
  "a transplant (CPT 38240 allogeneic / 38241 autologous), reviewed under the applicable transplant policy";

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
    askedWhen: [{ field: "service", in: ["dli"] }],
    cites: ["coverage-policy.dli", "coverage-policy.experimental", "background.dli.2"],
    options: [
      {
        value: "aml",
        label: "Acute myeloid leukemia (AML)",
        cites: [...DLI_MALIGNANCY, "literature.aml-mds.1", "societies.nci"],
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
        help: "Includes post-transplant lymphoproliferative disorder (PTLD) after an HSCT, whatever the transplant was for.",
        cites: [...DLI_MALIGNANCY, "literature.nhl.1", "societies.nci"],
      },
      { value: "hodgkin", label: "Hodgkin lymphoma", cites: DLI_MALIGNANCY },
      { value: "cmml", label: "Chronic myelomonocytic leukemia (CMML)", cites: DLI_MALIGNANCY },
      { value: "myelofibrosis", label: "Myelofibrosis", cites: DLI_MALIGNANCY },
      {
        value: "other-hematologic-malignancy",
        label: "Other hematologic malignancy",
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
      { field: "service", in: ["dli"] },
      { field: "diagnosis", in: HEMATOLOGIC_MALIGNANCIES, as: "a hematologic malignancy" },
    ],
    cites: ["coverage-policy.dli", "overview.2"],
    options: [
      {
        value: "relapsed",
        label: "Relapsed hematologic malignancy",
        cites: DLI_RELAPSE_INDICATION,
      },
      {
        value: "persistent",
        label: "Persistent hematologic malignancy (including measurable residual disease)",
        cites: DLI_RELAPSE_INDICATION,
      },
      {
        value: "refractory",
        label: "Refractory hematologic malignancy",
        cites: DLI_RELAPSE_INDICATION,
      },
      {
        value: "high-risk-of-relapse",
        label: "High risk of relapse of the hematologic malignancy",
        help: "A planned DLI to prevent relapse, for example after a T-cell-depleted graft or non-myeloablative conditioning, or a pre-emptive DLI for measurable residual disease or falling donor chimerism in a hematologic malignancy.",
        cites: [
          ...DLI_RELAPSE_INDICATION,
          "background.dli.2",
          "literature.all.2",
          "literature.multiple-myeloma.1",
        ],
      },
      {
        value: "other",
        label:
          "Other (for example infection, poor graft function, or mixed chimerism in a non-malignant disease)",
        help: "For example infection, poor graft function, or mixed chimerism in a non-malignant disease.",
        notAdopted: {
          passage: "background.dli.1",
          quote:
            "It is now accepted that DLI, at a time remote from the transplant conditioning regimen, can treat infections and relapse successfully after allogeneic HSCT in selected patients with hematologic malignancies",
          why: "Background the coverage statements do not adopt: they cover DLI for a hematologic malignancy only, and call it experimental, investigational or unproven for any other condition.",
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
    cites: ["coverage-policy.dli", "coverage-policy.hpc-boost", "overview.1"],
    options: [
      {
        value: "allogeneic",
        label: "Allogeneic HSCT (including after an earlier autologous HSCT)",
        cites: ["coverage-policy.dli", "coverage-policy.hpc-boost"],
      },
      {
        value: "autologous",
        label: "Autologous HSCT only",
        help: "DLI is covered only after an allogeneic HSCT; an HPC boost after either.",
        cites: ["coverage-policy.hpc-boost", "overview.2", "overview.3"],
      },
      {
        value: "none",
        label: "No prior HSCT",
        helpWhen: {
          when: [{ field: "service", in: ["hpc-boost"] }],
          text: `Stem cells without a prior HSCT are then ${A_TRANSPLANT}.`,
        },
        cites: ["overview.1", "related-resources"],
      },
    ],
  },
  {
    field: "sameDonor",
    subject: "the cell source",
    kind: "choice",
    text: "Do the cells come from the same source as the patient's most recent HSCT — the same donor, or the patient's own stored cells after an autologous HSCT?",
    askedWhen: [
      {
        field: "priorTransplant",
        in: ["allogeneic", "autologous"],
        as: "an allogeneic or autologous HSCT",
      },
    ],
    cites: ["overview.1"],
    options: yesNo(
      { cites: ["overview.1", "background.dli.1", "background.hpc-boost.1"] },
      {
        help: `The request is then ${A_TRANSPLANT}.`,
        cites: ["overview.1", "related-resources"],
      },
    ),
  },
  {
    field: "preparativeRegimen",
    subject: "the conditioning regimen",
    kind: "choice",
    text: "Will a conditioning (preparative) regimen, as for a new transplant, be given before this infusion?",
    help: "Chemotherapy given days to weeks earlier to treat relapse (reinduction), and therapy for the underlying disease given alongside the infusion, are not a preparative regimen: answer No.",
    askedWhen: [
      {
        field: "priorTransplant",
        in: ["allogeneic", "autologous"],
        as: "an allogeneic or autologous HSCT",
      },
    ],
    cites: ["background.dli.1", "background.hpc-boost.1"],
    options: yesNo(
      {
        help: `The request is then ${A_TRANSPLANT}.`,
        cites: ["background.dli.1", "background.hpc-boost.1", "related-resources"],
      },
      { cites: ["background.dli.1", "background.hpc-boost.1"] },
    ),
  },
  {
    field: "boostIndication",
    subject: "the HPC boost indication",
    kind: "choice",
    text: "What is the indication for the HPC boost?",
    askedWhen: [{ field: "service", in: ["hpc-boost"] }],
    cites: ["coverage-policy.hpc-boost"],
    options: [
      {
        value: "promote-engraftment",
        label: "Promote engraftment (poor graft function)",
        help: "Poor graft function: persistent cytopenias and/or transfusion dependence, including cytopenias after reinduction chemotherapy for relapse.",
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
        help: "Covered when chimerism studies reveal less than 100% donor cells.",
        helpWhen: {
          when: [{ field: "priorTransplant", in: ["autologous"] }],
          text: "After an autologous HSCT there are no donor cells to measure; for poor graft function choose Promote engraftment.",
        },
        cites: ["coverage-policy.hpc-boost", "overview.3"],
      },
      { value: "other", label: "Other", cites: ["coverage-policy.hpc-boost"] },
    ],
  },
  {
    field: "donorChimerismPercent",
    subject: "the donor chimerism",
    kind: "number",
    text: "Lowest donor percentage in any lineage tested in the most recent chimerism study (%)",
    help: "If several lineages were tested (whole blood, T cell, myeloid), enter the lowest donor percentage; give the lineages and the date in the clinical notes.",
    askedWhen: [
      { field: "boostIndication", in: ["enhance-chimerism"] },
      { field: "priorTransplant", in: ["allogeneic"] },
    ],
    cites: ["coverage-policy.hpc-boost"],
    inputLabel: "Lowest donor percentage",
    min: CHIMERISM_MIN,
    max: CHIMERISM_MAX,
    unit: "%",
  },
];
