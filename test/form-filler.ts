// An SDC form filler running the Questionnaire's own enable logic with a maintained FHIRPath engine
// (fhirpath.js, the one LHC-Forms uses): root variables in order, then each item's
// enableWhenExpression; and what the wizard shows for the same answers, to compare with it.
import type { Extension, QuestionnaireItem } from "@medplum/fhirtypes";
import fhirpath from "fhirpath";
import r4 from "fhirpath/fhir-context/r4";
import { allHold } from "@/lib/policy/engine/conditions";
import { countedAnswers, evaluate as evaluateUnder } from "@/lib/policy/engine/evaluate";
import {
  getQuestion,
  isOffered,
  optionHelp,
  questionHelp,
  questionText,
} from "@/lib/policy/engine/questions";
import type { Answers, Policy } from "@/lib/policy/engine/types";
import { answersToResponse } from "@/lib/fhir/questionnaire-response";
import { policyQuestionnaire } from "@/lib/fhir/questionnaire";

const BASE = "https://pa.example.org/api/fhir";
const VARIABLE = "http://hl7.org/fhir/StructureDefinition/variable";
const ENABLE =
  "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";
const CQF_EXPRESSION = "http://hl7.org/fhir/StructureDefinition/cqf-expression";
const TOGGLE =
  "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-answerOptionsToggleExpression";

const compile = (expression: string) => fhirpath.compile(expression, r4);

/** The Questionnaire's own enable logic, compiled, and the items it enables for some answers. */
export function formFiller(policy: Policy) {
  const questionnaire = policyQuestionnaire(BASE, policy);
  const variables = (questionnaire.extension ?? [])
    .filter((e: Extension) => e.url === VARIABLE)
    .map((e) => ({
      name: e.valueExpression!.name!,
      expression: e.valueExpression!.expression!,
      run: compile(e.valueExpression!.expression!),
    }));
  const enabledBy = (item: QuestionnaireItem) => {
    const expression = item.extension?.find((e) => e.url === ENABLE)?.valueExpression?.expression;
    return { expression, run: expression === undefined ? undefined : compile(expression) };
  };
  const items = questionnaire.item!.map((item: QuestionnaireItem) => {
    const wording = (item as { _text?: QuestionnaireItem })._text?.extension?.find(
      (e) => e.url === CQF_EXPRESSION,
    )?.valueExpression?.expression;
    return {
      field: item.linkId,
      standard: item.enableWhen,
      ...enabledBy(item),
      text: item.text!,
      wording: wording === undefined ? undefined : compile(wording),
      // Help for some cases only: display children with an enable expression of their own.
      caseHelp: (item.item ?? [])
        .filter((child) => enabledBy(child).run && child.linkId.includes(".help."))
        .map((child) => ({ text: child.text!.split("\n\n")[0]!, ...enabledBy(child) })),
      // Passages of some cases only: the passage ids they quote or name.
      casePassages: (item.item ?? [])
        .filter((child) => child.linkId.includes(".passages."))
        .map((child) => ({
          ids: [...child.text!.matchAll(/\(([a-z][\w.-]*)\)(?=[:;.]|$)/gm)].map((m) => m[1]!),
          ...enabledBy(child),
        })),
      // A boolean item's answers are yes and no.
      options:
        item.type === "boolean"
          ? ["true", "false"]
          : (item.answerOption ?? []).map((o) => o.valueCoding!.code!),
      toggles: (item.extension ?? [])
        .filter((e) => e.url === TOGGLE)
        .map((e) => ({
          code: e.extension!.find((x) => x.url === "option")!.valueCoding!.code!,
          run: compile(
            e.extension!.find((x) => x.url === "expression")!.valueExpression!.expression!,
          ),
        })),
    };
  });
  const isTrue = (result: unknown) =>
    Array.isArray(result) && result.length === 1 && result[0] === true;
  /** What an SDC form filler shows for this response: items, their wording, options and case help. */
  const shown = (answers: Answers) => {
    const response = answersToResponse(policy, answers, "in-progress", BASE);
    const env: Record<string, unknown> = { resource: response };
    for (const v of variables) env[v.name] = v.run(response, env as never);
    const run = (f: (r: unknown, e: never) => unknown) => f(response, env as never);
    return items
      .filter((item) => !item.run || isTrue(run(item.run)))
      .map((item) => ({
        field: item.field,
        text: item.wording ? (run(item.wording) as string[])[0] : item.text,
        options: item.options.filter((code) =>
          item.toggles.every((t) => t.code !== code || isTrue(run(t.run))),
        ),
        help: item.caseHelp.filter((h) => isTrue(run(h.run!))).map((h) => h.text),
        passages: [
          ...new Set(item.casePassages.filter((p) => isTrue(run(p.run!))).flatMap((p) => p.ids)),
        ].sort(),
      }));
  };
  /** The items an SDC form filler enables for this response. */
  const enabledItems = (answers: Answers): string[] => shown(answers).map((item) => item.field);
  return { variables, items, enabledItems, shown };
}

/** What the wizard shows for the questions it asks: wording, offered options, case help. */
export function wizardShows(policy: Policy, answers: Answers) {
  const outcome = evaluateUnder(policy, answers);
  const counted = countedAnswers(outcome);
  return outcome.asked.map((field) => {
    const question = getQuestion(policy, field);
    const options = question.kind === "choice" ? question.options : [];
    const always = [question.help, ...options.map((o) => o.help)];
    return {
      field,
      text: questionText(question, counted),
      options: options.filter((o) => isOffered(o, counted)).map((o) => String(o.value)),
      // The help that depends on the case, as the Questionnaire carries it (option help named by
      // its option's label).
      help: [
        ...questionHelp(question, counted).filter((h) => !always.includes(h)),
        ...options.flatMap((o) =>
          optionHelp(o, counted)
            .filter((h) => !always.includes(h))
            .map((h) => `${o.label}: ${h}`),
        ),
      ],
      // The passages of one case only among those the wizard shows beside the question and its
      // options (citationsFor), in this case.
      passages: [
        ...new Set(
          [question.citesFor, ...options.map((o) => o.citesFor)].flatMap((variants) =>
            (variants ?? []).filter((v) => allHold(v.when, counted)).flatMap((v) => v.cites),
          ),
        ),
      ].sort(),
    };
  });
}

/**
 * Where the filler and the wizard differ over `cases`. An item, its wording, options and case help
 * read only earlier answers (enable-logic.test.ts proves it), so what a filler shows is computed
 * once per distinct answer to all questions but the last and compared with what the wizard shows
 * for it; then each case's enabled items are compared with the questions the wizard asks.
 */
export function differencesFromWizard(policy: Policy, cases: Iterable<Answers>) {
  const { shown } = formFiller(policy);
  const fields = policy.questions.map((q) => q.field);
  const last = fields.at(-1)!;
  const byPrefix = new Map<string, string[]>();
  const mismatches: string[] = [];
  let count = 0;
  for (const answers of cases) {
    count++;
    const prefix = { ...answers };
    delete prefix[last];
    const key = JSON.stringify(fields.map((f) => prefix[f] ?? null));
    let enabled = byPrefix.get(key);
    if (!enabled) {
      const filler = shown(prefix);
      const wizard = wizardShows(policy, prefix);
      if (JSON.stringify(filler) !== JSON.stringify(wizard) && mismatches.length < 3)
        mismatches.push(
          `${JSON.stringify(prefix)}:\n  filler ${JSON.stringify(filler)}\n  wizard ${JSON.stringify(wizard)}`,
        );
      enabled = filler.map((item) => item.field);
      byPrefix.set(key, enabled);
    }
    const asked = evaluateUnder(policy, answers).asked;
    if (JSON.stringify(enabled) !== JSON.stringify(asked) && mismatches.length < 5)
      mismatches.push(`${JSON.stringify(answers)}: enabled ${enabled} but asked ${asked}`);
  }
  return { mismatches, cases: count, prefixes: byPrefix.size };
}
