import type {
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireItemEnableWhen,
} from "@medplum/fhirtypes";
import type { Condition } from "@/lib/policy/conditions";
import { getPassage, plainText } from "@/lib/policy/passages";
import { POLICY } from "@/lib/policy/policy-meta";
import { QUESTIONS, type Question } from "@/lib/policy/questions";
import { QUESTIONNAIRE_ID, QUESTIONNAIRE_URL, codeOf } from "./canonical";

export const CPT_SYSTEM = "http://www.ama-assn.org/go/cpt";
const ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";

function enableWhen(
  conditions: readonly Condition[],
): Pick<QuestionnaireItem, "enableWhen" | "enableBehavior"> {
  if (conditions.length === 0) return {};
  const clauses: QuestionnaireItemEnableWhen[] = conditions.flatMap((c) => {
    if (!("in" in c)) throw new Error(`asked-when on ${c.field} has no FHIR form`);
    return c.in.map((value) => ({
      question: c.field,
      operator: "=" as const,
      answerCoding: { code: codeOf(value) },
    }));
  });
  // One condition with several values is "any of them"; several single-valued conditions are "all".
  const any = conditions.length === 1 && clauses.length > 1;
  if (!any && clauses.length !== conditions.length)
    throw new Error("asked-when mixing several conditions and several values has no FHIR form");
  return {
    enableWhen: clauses,
    ...(clauses.length > 1 ? { enableBehavior: any ? "any" : "all" } : {}),
  };
}

function helpItem(question: Question): QuestionnaireItem {
  const passages = question.cites.map((id) => {
    const passage = getPassage(id);
    return `${[...passage.section, id].join(" › ")}: ${plainText(passage)}`;
  });
  return {
    linkId: `${question.field}.help`,
    type: "display",
    text: [question.help, ...passages].filter(Boolean).join("\n\n"),
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

function item(question: Question): QuestionnaireItem {
  const common = {
    linkId: question.field,
    text: question.text,
    ...enableWhen(question.askedWhen),
    item: [helpItem(question)],
  };
  if (question.kind === "number")
    return {
      ...common,
      type: "decimal",
      extension: [
        { url: "http://hl7.org/fhir/StructureDefinition/minValue", valueDecimal: question.min },
        { url: "http://hl7.org/fhir/StructureDefinition/maxValue", valueDecimal: question.max },
      ],
    };
  return {
    ...common,
    type: "choice",
    answerOption: question.options.map((o) => ({
      valueCoding: { code: codeOf(o.value), display: o.label },
    })),
  };
}

/** The policy's questionnaire as a FHIR R4 Questionnaire, generated from lib/policy. */
export function policyQuestionnaire(): Questionnaire {
  return {
    resourceType: "Questionnaire",
    id: QUESTIONNAIRE_ID,
    url: QUESTIONNAIRE_URL,
    version: POLICY.version,
    name: `CoveragePolicy${POLICY.number}`,
    title: `${POLICY.documentType} ${POLICY.number}: ${POLICY.title}`,
    status: "active",
    subjectType: ["Patient"],
    publisher: `Questions of ${POLICY.publisher} ${POLICY.documentType} ${POLICY.number}`,
    copyright: `Policy text ${POLICY.copyright}.`,
    effectivePeriod: { start: POLICY.effectiveDate },
    code:
      QUESTIONS[0]!.kind === "choice"
        ? QUESTIONS[0]!.options.map((o) => ({ system: CPT_SYSTEM, code: o.cpt!, display: o.label }))
        : [],
    item: QUESTIONS.map(item),
  };
}
