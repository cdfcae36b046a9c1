import type { Condition } from "./conditions";
import { CHIMERISM_MAX, CHIMERISM_MIN, type AnswerValue, type Field } from "./fields";
import type { PassageId } from "./passages";

export interface AnswerOption<V extends AnswerValue = AnswerValue> {
  value: V;
  /** The contract's option label, word for word. */
  label: string;
  help?: string;
  /** CPT code of the service the option names. */
  cpt?: string;
  cites: readonly PassageId[];
}

interface QuestionBase<F extends Field> {
  field: F;
  /** The contract's question, word for word. */
  text: string;
  /** What the answer is about, for sentences like "asked only when the prior HSCT is …". */
  subject: string;
  help?: string;
  /** Asked only when every condition holds on the answers that are themselves asked. */
  askedWhen: readonly Condition[];
  cites: readonly PassageId[];
}

export type ChoiceQuestion = QuestionBase<Exclude<Field, "donorChimerismPercent">> & {
  kind: "choice";
  options: readonly AnswerOption[];
};

export type NumberQuestion = QuestionBase<"donorChimerismPercent"> & {
  kind: "number";
  min: number;
  max: number;
  unit: "%";
};

export type Question = ChoiceQuestion | NumberQuestion;

const yesNo = (
  yes: readonly PassageId[],
  no: readonly PassageId[],
): readonly AnswerOption<boolean>[] => [
  { value: true, label: "Yes", cites: yes },
  { value: false, label: "No", cites: no },
];

const DLI_MALIGNANCY: readonly PassageId[] = ["coverage-policy.dli", "background.dli.2"];
const DLI_RELAPSE_INDICATION: readonly PassageId[] = ["coverage-policy.dli", "overview.2"];

export const QUESTIONS: readonly Question[] = [
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
        help: "An infusion of stem cells from the original HSCT donor.",
        cpt: "38243",
        cites: ["coverage-policy.hpc-boost", "background.hpc-boost.1", "coding.cpt"],
      },
    ],
  },
  {
    field: "priorTransplant",
    subject: "the prior HSCT",
    kind: "choice",
    text: "Which hematopoietic stem cell transplant (HSCT) has the patient had?",
    askedWhen: [],
    cites: ["overview.1"],
    options: [
      {
        value: "allogeneic",
        label: "Allogeneic HSCT",
        cites: ["coverage-policy.dli", "coverage-policy.hpc-boost"],
      },
      {
        value: "autologous",
        label: "Autologous HSCT",
        help: "DLI is covered only after an allogeneic HSCT; an HPC boost after either.",
        cites: ["coverage-policy.hpc-boost", "overview.2", "overview.3"],
      },
      { value: "none", label: "No prior HSCT", cites: ["overview.1"] },
    ],
  },
  {
    field: "sameDonor",
    subject: "the donor",
    kind: "choice",
    text: "Do the cells come from the donor of the original HSCT?",
    help: "The donor source for DLI and HPC boost is the same as that for the HSCT. Cells from another donor are a new transplant, reviewed under the policy Stem Cell Transplantation: Blood Cancers.",
    askedWhen: [{ field: "priorTransplant", in: ["allogeneic"] }],
    cites: ["overview.1"],
    options: yesNo(
      ["overview.1", "background.dli.1", "background.hpc-boost.1"],
      ["overview.1", "related-resources"],
    ),
  },
  {
    field: "preparativeRegimen",
    subject: "the preparative regimen",
    kind: "choice",
    text: "Will a preparative (conditioning) regimen be given before this infusion?",
    help: "A preparative (conditioning) regimen is the chemotherapy and/or radiation given to prepare a patient for a transplant. Concomitant therapy for the underlying disease is not a preparative regimen.",
    askedWhen: [{ field: "priorTransplant", in: ["allogeneic", "autologous"] }],
    cites: ["background.dli.1", "background.hpc-boost.1"],
    options: yesNo(
      ["background.dli.1", "background.hpc-boost.1", "related-resources"],
      ["background.dli.1", "background.hpc-boost.1"],
    ),
  },
  {
    field: "diagnosis",
    subject: "the diagnosis",
    kind: "choice",
    text: "What is the underlying diagnosis?",
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
    askedWhen: [{ field: "service", in: ["dli"] }],
    cites: ["coverage-policy.dli", "overview.2"],
    options: [
      { value: "relapsed", label: "Relapsed", cites: DLI_RELAPSE_INDICATION },
      { value: "persistent", label: "Persistent", cites: DLI_RELAPSE_INDICATION },
      { value: "refractory", label: "Refractory", cites: DLI_RELAPSE_INDICATION },
      {
        value: "high-risk-of-relapse",
        label: "High risk of relapse",
        cites: DLI_RELAPSE_INDICATION,
      },
      {
        value: "other",
        label: "Other",
        help: "For example mixed chimerism alone, poor graft function or infection. DLI is not used to promote engraftment or enhancement of chimerism.",
        cites: ["coverage-policy.experimental", "background.dli.1"],
      },
    ],
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
        help: "Poor graft function is defined as persistent cytopenias and/or transfusion dependence.",
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
        cites: ["coverage-policy.hpc-boost", "overview.3"],
      },
      { value: "other", label: "Other", cites: ["coverage-policy.hpc-boost"] },
    ],
  },
  {
    field: "donorChimerismPercent",
    subject: "the donor chimerism",
    kind: "number",
    text: "Donor cells in the most recent chimerism study (%)",
    help: `The percentage of donor cells, from ${CHIMERISM_MIN} to ${CHIMERISM_MAX}. Full donor chimerism is 100%.`,
    askedWhen: [{ field: "boostIndication", in: ["enhance-chimerism"] }],
    cites: ["coverage-policy.hpc-boost"],
    min: CHIMERISM_MIN,
    max: CHIMERISM_MAX,
    unit: "%",
  },
];

const BY_FIELD = new Map<Field, Question>(QUESTIONS.map((q) => [q.field, q]));

export function getQuestion(field: Field): Question {
  return BY_FIELD.get(field)!;
}

export function optionFor(question: Question, value: AnswerValue): AnswerOption | undefined {
  return question.kind === "choice" ? question.options.find((o) => o.value === value) : undefined;
}

/** How an answer reads to a person: the option label, or the number with its unit. */
export function answerLabel(field: Field, value: AnswerValue): string {
  const question = getQuestion(field);
  if (question.kind === "number") return `${value}${question.unit}`;
  return optionFor(question, value)?.label ?? String(value);
}

/** The passages behind a question and, when answered, behind the chosen option. */
export function citationsFor(question: Question, value: AnswerValue | undefined): PassageId[] {
  const option = value === undefined ? undefined : optionFor(question, value);
  return [...new Set([...question.cites, ...(option?.cites ?? [])])];
}
