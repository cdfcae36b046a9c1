import type {
  Extension,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireItemAnswerOption,
} from "@medplum/fhirtypes";
import { getPassage, plainText, sectionLabel } from "@/lib/policy/engine/passages";
import { isYesNo } from "@/lib/policy/engine/questions";
import { reviewOverdueNotice } from "@/lib/policy/engine/review-date";
import type { AnswerOption, Policy, Question } from "@/lib/policy/engine/types";
import { codeSystemUrl, questionnaireUrl } from "./canonical";
import { enableLogic } from "./enable-logic";

export const CPT_SYSTEM = "http://www.ama-assn.org/go/cpt";
export const SDC_PROFILE =
  "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-behave|3.0.0";
const ENABLE_WHEN_EXPRESSION =
  "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";
const VARIABLE = "http://hl7.org/fhir/StructureDefinition/variable";
const ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
const RENDERING_XHTML = "http://hl7.org/fhir/StructureDefinition/rendering-xhtml";
const UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit";
const UCUM = "http://unitsofmeasure.org";

const fhirPath = (expression: string) => ({ language: "text/fhirpath" as const, expression });

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** What the wizard shows under an option: its help, and help that depends on the case. */
export function optionHelpTexts(option: AnswerOption): string[] {
  return [option.help, option.helpWhen?.text].filter((t): t is string => t !== undefined);
}

/** The item's help: the question's own, each option's, and every passage they cite. */
function helpItem(policy: Policy, question: Question): QuestionnaireItem {
  const passageLine = (id: string) =>
    `${sectionLabel(policy.meta, getPassage(policy, id))} (${id})`;
  const options = question.kind === "choice" ? question.options : [];
  const optionLines = options.flatMap((o) => {
    const help = optionHelpTexts(o);
    return [
      ...(help.length ? [`${o.label}: ${help.join(" ")}`] : []),
      ...(o.notAdopted
        ? [
            `${o.label}: ${o.notAdopted.why} The policy says: “${o.notAdopted.quote}…” (${passageLine(o.notAdopted.passage)}).`,
          ]
        : []),
    ];
  });
  const quoted = question.cites.map(
    (id) => `${passageLine(id)}: ${plainText(getPassage(policy, id))}`,
  );
  const perOption = options.map(
    (o) => `Policy text for “${o.label}”: ${o.cites.map(passageLine).join("; ")}.`,
  );
  return {
    linkId: `${question.field}.help`,
    type: "display",
    text: [question.help, ...optionLines, ...quoted, ...perOption].filter(Boolean).join("\n\n"),
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

function item(
  base: string,
  policy: Policy,
  expressionFor: (field: string) => string | undefined,
  question: Question,
): QuestionnaireItem {
  const expression = expressionFor(question.field);
  const extension: Extension[] = expression
    ? [{ url: ENABLE_WHEN_EXPRESSION, valueExpression: fhirPath(expression) }]
    : [];
  const common = {
    linkId: question.field,
    text: question.text,
    // The wizard does not go on without an answer to a question it asks.
    required: true,
    item: [helpItem(policy, question)],
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
  return {
    ...common,
    type: "choice",
    extension,
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
    item: policy.questions.map((q) => item(base, policy, logic.expressionFor, q)),
  };
}
