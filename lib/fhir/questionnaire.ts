import type {
  Extension,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireItemAnswerOption,
} from "@medplum/fhirtypes";
import { getPassage, plainText, type PassageId } from "@/lib/policy/passages";
import { POLICY, RULES_REVISION, reviewOverdueNotice } from "@/lib/policy/policy-meta";
import { QUESTIONS, type AnswerOption, type Question } from "@/lib/policy/questions";
import { sectionLabel } from "@/lib/policy/section-label";
import { QUESTIONNAIRE_ID, codeSystemUrl, questionnaireUrl } from "./canonical";
import { enableExpression, enableVariables } from "./enable-logic";
import { isYesNo } from "./items";

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
/** The date of the decision contract's revision this Questionnaire is generated from. */
const RULES_REVISION_DATE = "2026-11-26";

const fhirPath = (expression: string) => ({ language: "text/fhirpath" as const, expression });

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** What the wizard shows under an option: its help, and help that depends on the case. */
export function optionHelpTexts(option: AnswerOption): string[] {
  return [option.help, option.helpWhen?.text].filter((t): t is string => t !== undefined);
}

const passageLine = (id: PassageId) => `${sectionLabel(getPassage(id))} (${id})`;

/** The item's help: the question's own, each option's, and every passage they cite. */
function helpItem(question: Question): QuestionnaireItem {
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
  const quoted = question.cites.map((id) => `${passageLine(id)}: ${plainText(getPassage(id))}`);
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

function answerOption(base: string, question: Question, o: AnswerOption) {
  const help = optionHelpTexts(o);
  const option: QuestionnaireItemAnswerOption = {
    valueCoding: {
      system: codeSystemUrl(base, question.field),
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

function item(base: string, question: Question): QuestionnaireItem {
  const expression = enableExpression(question.field);
  const extension: Extension[] = expression
    ? [{ url: ENABLE_WHEN_EXPRESSION, valueExpression: fhirPath(expression) }]
    : [];
  const common = {
    linkId: question.field,
    text: question.text,
    // The wizard does not go on without an answer to a question it asks.
    required: true,
    item: [helpItem(question)],
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
    answerOption: question.options.map((o) => answerOption(base, question, o)),
  };
}

/** The policy's questionnaire as a FHIR R4 Questionnaire (SDC), generated from lib/policy. */
export function policyQuestionnaire(base: string, today = new Date()): Questionnaire {
  const service = QUESTIONS[0]!;
  const overdue = reviewOverdueNotice(today);
  return {
    resourceType: "Questionnaire",
    id: QUESTIONNAIRE_ID,
    meta: { profile: [SDC_PROFILE] },
    url: questionnaireUrl(base),
    version: POLICY.version,
    name: `CoveragePolicy${POLICY.number}`,
    title: `${POLICY.documentType} ${POLICY.number}: ${POLICY.title}`,
    status: "active",
    subjectType: ["Patient"],
    date: RULES_REVISION_DATE,
    publisher: POLICY.publisher,
    description: [
      `The questions of ${POLICY.publisher} ${POLICY.documentType} ${POLICY.number}, effective ${POLICY.effectiveDate}, as read by the product's decision contract (rules revision ${RULES_REVISION}). A reviewer makes the coverage decision.`,
      `Next review date of the policy: ${POLICY.nextReviewDate}.${overdue ? ` ${overdue}` : ""}`,
    ].join(" "),
    copyright: `Policy text ${POLICY.copyright}.`,
    effectivePeriod: { start: POLICY.effectiveDate },
    // The policy gives its effective date, the date of its last revision, and no approval date.
    lastReviewDate: POLICY.effectiveDate,
    code:
      service.kind === "choice"
        ? service.options.map((o) => ({ system: CPT_SYSTEM, code: o.cpt!, display: o.label }))
        : [],
    extension: enableVariables().map(({ name, expression }) => ({
      url: VARIABLE,
      valueExpression: { name, ...fhirPath(expression) },
    })),
    item: QUESTIONS.map((q) => item(base, q)),
  };
}
