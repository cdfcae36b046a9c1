import type {
  Extension,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireItemAnswerOption,
} from "@medplum/fhirtypes";
import { CPT_SYSTEM } from "@/lib/policy/engine/ehr-codes";
import { getPassage, plainText, sectionLabel } from "@/lib/policy/engine/passages";
import { isYesNo } from "@/lib/policy/engine/questions";
import { reviewOverdueNotice } from "@/lib/policy/engine/review-date";
import type {
  AnswerOption,
  CaseText,
  Condition,
  Policy,
  Question,
} from "@/lib/policy/engine/types";
import { codeSystemUrl, questionnaireUrl } from "./canonical";
import { enableLogic } from "./enable-logic";

export const SDC_PROFILE =
  "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-behave|3.0.0";
const ENABLE_WHEN_EXPRESSION =
  "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";
const VARIABLE = "http://hl7.org/fhir/StructureDefinition/variable";
const ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
const RENDERING_XHTML = "http://hl7.org/fhir/StructureDefinition/rendering-xhtml";
const CQF_EXPRESSION = "http://hl7.org/fhir/StructureDefinition/cqf-expression";
const OPTIONS_TOGGLE =
  "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-answerOptionsToggleExpression";
const UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit";
const UCUM = "http://unitsofmeasure.org";

const fhirPath = (expression: string) => ({ language: "text/fhirpath" as const, expression });

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A FHIRPath string literal. */
const stringLiteral = (text: string) => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** What the wizard shows under an option in every case: its own help (case help is apart). */
export const optionHelpTexts = (option: AnswerOption): string[] =>
  option.help ? [option.help] : [];

type Logic = ReturnType<typeof enableLogic>;

const passageLine = (policy: Policy, id: string) =>
  `${sectionLabel(policy.meta, getPassage(policy, id))} (${id})`;
const quote = (policy: Policy, id: string) =>
  `${passageLine(policy, id)}: ${plainText(getPassage(policy, id))}`;

/** The item's help for every case: the question's own, each option's, and what they cite. */
function helpItem(policy: Policy, question: Question): QuestionnaireItem {
  const options = question.kind === "choice" ? question.options : [];
  const optionLines = options.flatMap((o) => {
    const help = optionHelpTexts(o);
    return [
      ...(help.length ? [`${o.label}: ${help.join(" ")}`] : []),
      ...(o.beside
        ? [
            `${o.label}: ${o.beside.why} The policy says: “${o.beside.quote}…” (${passageLine(policy, o.beside.passage)}).`,
          ]
        : []),
    ];
  });
  // An option's passages of every case; those of some cases only are items of their own below.
  const perOption = options.flatMap((o) =>
    o.cites.length ? [optionPassages(policy, o.label, o.cites)] : [],
  );
  return {
    linkId: `${question.field}.help`,
    type: "display",
    text: [
      question.help,
      ...optionLines,
      ...question.cites.map((id) => quote(policy, id)),
      ...perOption,
    ]
      .filter(Boolean)
      .join("\n\n"),
    extension: [
      {
        url: ITEM_CONTROL,
        valueCodeableConcept: {
          coding: [{ system: "http://hl7.org/fhir/questionnaire-item-control", code: "help" }],
        },
      },
    ],
  };
}

const optionPassages = (policy: Policy, label: string, ids: readonly string[]) =>
  `Policy text for “${label}”: ${ids.map((id) => passageLine(policy, id)).join("; ")}.`;

/**
 * Help that belongs to some cases only (rules-0261.md r3: shown only where it applies): one
 * display item each, enabled by its question's own enable logic and its case's conditions.
 */
function caseHelpItems(policy: Policy, question: Question, logic: Logic): QuestionnaireItem[] {
  const own = (question.helpFor ?? []).map((v) => ({ v, label: undefined as string | undefined }));
  const ofOptions = (question.kind === "choice" ? question.options : []).flatMap((o) =>
    (o.helpFor ?? []).map((v) => ({ v, label: o.label })),
  );
  return [...own, ...ofOptions].map(({ v, label }, i) =>
    caseItem(
      `${question.field}.help.${i + 1}`,
      [label ? `${label}: ${v.text}` : v.text, ...(v.cites ?? []).map((id) => quote(policy, id))],
      v.when,
      question,
      logic,
    ),
  );
}

/**
 * Passages of some cases only (one service's, on a question both services ask): one display item
 * each, enabled as case help is. A filler that does not evaluate expressions shows them all, as
 * the wizard does while the service is not answered (citationsFor).
 */
function casePassageItems(policy: Policy, question: Question, logic: Logic): QuestionnaireItem[] {
  const own = (question.citesFor ?? []).map((v) => ({
    v,
    text: v.cites.map((id) => quote(policy, id)),
  }));
  const ofOptions = (question.kind === "choice" ? question.options : []).flatMap((o) =>
    (o.citesFor ?? []).map((v) => ({ v, text: [optionPassages(policy, o.label, v.cites)] })),
  );
  return [...own, ...ofOptions].map(({ v, text }, i) =>
    caseItem(`${question.field}.passages.${i + 1}`, text, v.when, question, logic),
  );
}

function caseItem(
  linkId: string,
  text: readonly string[],
  conditions: readonly Condition[],
  question: Question,
  logic: Logic,
): QuestionnaireItem {
  const asked = logic.expressionFor(question.field);
  const when = asked ? `(${asked}) and (${logic.holds(conditions)})` : logic.holds(conditions);
  return {
    linkId,
    type: "display",
    text: text.join("\n\n"),
    extension: [{ url: ENABLE_WHEN_EXPRESSION, valueExpression: fhirPath(when) }],
  };
}

/** The question's wording per case as a FHIRPath expression (SDC cqf-expression on its text). */
function textExpression(question: Question, logic: Logic): string | undefined {
  const variants: readonly CaseText[] = question.textFor ?? [];
  if (variants.length === 0) return undefined;
  return variants.reduceRight(
    (otherwise, v) => `iif(${logic.holds(v.when)}, ${stringLiteral(v.text)}, ${otherwise})`,
    stringLiteral(question.text),
  );
}

function answerOption(base: string, policy: Policy, question: Question, o: AnswerOption) {
  const help = optionHelpTexts(o);
  const option: QuestionnaireItemAnswerOption = {
    valueCoding: {
      system: codeSystemUrl(base, policy, question.field),
      code: String(o.value),
      display: o.label,
    },
  };
  // SDC rendering: the option's help travels with it as styled text under its label.
  if (help.length)
    (option.valueCoding as Record<string, unknown>)._display = {
      extension: [
        {
          url: RENDERING_XHTML,
          valueString: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${escapeXml(o.label)}</p><p><small>${escapeXml(help.join(" "))}</small></p></div>`,
        },
      ],
    };
  return option;
}

function item(base: string, policy: Policy, logic: Logic, question: Question): QuestionnaireItem {
  const expression = logic.expressionFor(question.field);
  const extension: Extension[] = expression
    ? [{ url: ENABLE_WHEN_EXPRESSION, valueExpression: fhirPath(expression) }]
    : [];
  const wording = textExpression(question, logic);
  const common = {
    linkId: question.field,
    // The wording where no case is known; a filler that evaluates expressions words it per case.
    text: question.text,
    ...(wording
      ? { _text: { extension: [{ url: CQF_EXPRESSION, valueExpression: fhirPath(wording) }] } }
      : {}),
    // The wizard does not go on without an answer to a question it asks.
    required: true,
    item: [
      helpItem(policy, question),
      ...caseHelpItems(policy, question, logic),
      ...casePassageItems(policy, question, logic),
    ],
  };
  if (question.kind === "number")
    return {
      ...common,
      type: "decimal",
      extension: [
        ...extension,
        { url: "http://hl7.org/fhir/StructureDefinition/minValue", valueDecimal: question.min },
        { url: "http://hl7.org/fhir/StructureDefinition/maxValue", valueDecimal: question.max },
        { url: UNIT, valueCoding: { system: UCUM, code: "%", display: "%" } },
      ],
    };
  if (isYesNo(question)) return { ...common, type: "boolean", extension };
  // An option offered only in some cases (SDC answerOptionsToggleExpression): enabled while its
  // conditions hold, as the wizard shows it.
  const toggles: Extension[] = question.options.flatMap((o) =>
    o.offered
      ? [
          {
            url: OPTIONS_TOGGLE,
            extension: [
              {
                url: "option",
                valueCoding: {
                  system: codeSystemUrl(base, policy, question.field),
                  code: String(o.value),
                  display: o.label,
                },
              },
              { url: "expression", valueExpression: fhirPath(logic.holds(o.offered.when)) },
            ],
          },
        ]
      : [],
  );
  return {
    ...common,
    type: "choice",
    extension: [...extension, ...toggles],
    answerOption: question.options.map((o) => answerOption(base, policy, question, o)),
  };
}

/** A policy version's questionnaire as a FHIR R4 Questionnaire (SDC), generated from its package. */
export function policyQuestionnaire(
  base: string,
  policy: Policy,
  today = new Date(),
): Questionnaire {
  const { meta } = policy;
  const overdue = reviewOverdueNotice(policy, today);
  const logic = enableLogic(policy);
  return {
    resourceType: "Questionnaire",
    id: policy.id,
    meta: { profile: [SDC_PROFILE] },
    url: questionnaireUrl(base, policy),
    version: policy.version,
    name: `${meta.documentType}${meta.number}`.replace(/[^A-Za-z0-9]/g, ""),
    title: `${meta.documentType} ${meta.number}: ${meta.title}`,
    status: "active",
    subjectType: ["Patient"],
    date: policy.rulesRevisionDate,
    publisher: meta.publisher,
    description: [
      `The questions of ${meta.publisher} ${meta.documentType} ${meta.number}, effective ${policy.effectiveDate}, as read by the product's decision contract (rules revision ${policy.rulesRevision}). ${policy.determinationNote}`,
      ...(policy.nextReviewDate
        ? [
            `Next review date of the policy: ${policy.nextReviewDate}.${overdue ? ` ${overdue}` : ""}`,
          ]
        : []),
    ].join(" "),
    copyright: `Policy text ${meta.copyright}.`,
    effectivePeriod: { start: policy.effectiveDate },
    // The policy gives its effective date, the date of its last revision, and no approval date.
    lastReviewDate: policy.effectiveDate,
    code: meta.services.map((s) => ({ system: CPT_SYSTEM, code: s.cpt, display: s.label })),
    extension: logic.variables.map(({ name, expression }) => ({
      url: VARIABLE,
      valueExpression: { name, ...fhirPath(expression) },
    })),
    item: policy.questions.map((q) => item(base, policy, logic, q)),
  };
}
