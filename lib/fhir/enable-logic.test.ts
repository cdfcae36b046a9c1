import type { Extension, QuestionnaireItem } from "@medplum/fhirtypes";
import fhirpath from "fhirpath";
import r4 from "fhirpath/fhir-context/r4";
import { describe, expect, it } from "vitest";
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
import { coveragePolicy0261 } from "@/lib/policy/packages/coverage-policy-0261";
import { FIELDS, type Field } from "@/lib/policy/packages/coverage-policy-0261/fields";
import { ANSWER_SPACE_SIZE, answerSpace } from "@/test/answer-space";
import { FIXTURE_POLICY } from "@/test/fixture-policy";
import { answersToResponse } from "./questionnaire-response";
import { policyQuestionnaire } from "./questionnaire";

// The Questionnaire's own enable logic, run by a maintained FHIRPath engine (fhirpath.js, the
// one LHC-Forms uses) as an SDC form filler runs it: root variables in order, then each item's
// enableWhenExpression. For every case of the answer space, the enabled items must be exactly
// the questions the wizard asks (evaluate().asked).

const BASE = "https://pa.example.org/api/fhir";
const policy: Policy = coveragePolicy0261.versions[0]!;
const evaluate = (answers: Answers) => evaluateUnder(policy, answers);
const VARIABLE = "http://hl7.org/fhir/StructureDefinition/variable";
const ENABLE =
  "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";
const CQF_EXPRESSION = "http://hl7.org/fhir/StructureDefinition/cqf-expression";
const TOGGLE =
  "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-answerOptionsToggleExpression";

const compile = (expression: string) => fhirpath.compile(expression, r4);

/** The Questionnaire's own enable logic, compiled, and the items it enables for some answers. */
function formFiller(policy: Policy) {
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
function wizardShows(policy: Policy, answers: Answers) {
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

const { variables, items, enabledItems, shown } = formFiller(policy);

/** The answers an expression reads, following the variables it names. */
function linkIdsRead(expression: string, seen = new Set<string>()): Set<string> {
  const ids = new Set([...expression.matchAll(/linkId = '(\w+)'/g)].map((m) => m[1]!));
  for (const [, name] of expression.matchAll(/%(\w+)/g)) {
    const variable = variables.find((v) => v.name === name);
    if (!variable || seen.has(name!)) continue;
    seen.add(name!);
    for (const id of linkIdsRead(variable.expression, seen)) ids.add(id);
  }
  return ids;
}

describe("the Questionnaire's enable logic asks what the wizard asks", () => {
  it("uses SDC enableWhenExpression on every item but the first, and no enableWhen", () => {
    expect(items.map((i) => i.standard)).toEqual(FIELDS.map(() => undefined));
    expect(items.map((i) => i.expression === undefined)).toEqual(
      FIELDS.map((f) => f === "service"),
    );
    for (const v of variables) expect(v.name).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
  });

  it("lets each item read only the answers to questions asked before it", () => {
    for (const item of items) {
      const before = FIELDS.slice(0, FIELDS.indexOf(item.field as Field));
      expect(
        [...linkIdsRead(item.expression ?? "")].every((id) => before.includes(id as Field)),
        item.field,
      ).toBe(true);
    }
  });

  it("enables exactly evaluate().asked, worded, offered and helped as the wizard, for every case", () => {
    // An item, its wording, options and case help read only earlier answers (above), so what a
    // filler shows is computed once per distinct answer to all questions but the last; then every
    // case of the whole space is compared with the wizard.
    const last = FIELDS.at(-1)!;
    const byPrefix = new Map<string, ReturnType<typeof shown>>();
    const prefixKey = (answers: Answers) =>
      JSON.stringify(FIELDS.filter((f) => f !== last).map((f) => answers[f] ?? null));
    const mismatches: string[] = [];
    for (const answers of answerSpace(FIELDS.slice(0, -1))) {
      const filler = shown(answers);
      byPrefix.set(prefixKey(answers), filler);
      const wizard = wizardShows(policy, answers);
      if (JSON.stringify(filler) !== JSON.stringify(wizard) && mismatches.length < 3)
        mismatches.push(
          `${JSON.stringify(answers)}:\n  filler ${JSON.stringify(filler)}\n  wizard ${JSON.stringify(wizard)}`,
        );
    }

    let cases = 0;
    for (const answers of answerSpace()) {
      cases++;
      const enabled = byPrefix.get(prefixKey(answers))!.map((item) => item.field);
      const asked = evaluate(answers).asked;
      if (JSON.stringify(enabled) !== JSON.stringify(asked) && mismatches.length < 5)
        mismatches.push(`${JSON.stringify(answers)}: enabled ${enabled} but asked ${asked}`);
    }
    expect(mismatches).toEqual([]);
    expect(cases).toBe(ANSWER_SPACE_SIZE);
    expect(byPrefix.size).toBe(ANSWER_SPACE_SIZE / 5);
    // About a minute alone; five and more beside other suites on this 2-core machine (load 8-10).
  }, 900_000);

  it("hides Enhance chimerism after an autologous HSCT, words the source question per service (spot check)", () => {
    const boost = { service: "hpc-boost", sameDonor: true, preparativeRegimen: false } as const;
    const indication = (answers: Answers) =>
      shown(answers).find((i) => i.field === "boostIndication")!;
    expect(indication({ ...boost, priorTransplant: "autologous" }).options).toEqual([
      "promote-engraftment",
      "other",
    ]);
    expect(indication({ ...boost, priorTransplant: "allogeneic" }).options).toEqual([
      "promote-engraftment",
      "enhance-chimerism",
      "other",
    ]);
    const source = (answers: Answers) => shown(answers).find((i) => i.field === "sameDonor")!.text;
    expect(
      source({
        service: "dli",
        diagnosis: "aml",
        dliIndication: "relapsed",
        priorTransplant: "allogeneic",
      }),
    ).toBe(
      "Are the lymphocytes collected from the donor of the patient's most recent allogeneic HSCT?",
    );
    expect(source({ service: "hpc-boost", priorTransplant: "autologous" })).toContain(
      "the patient's own stored cells",
    );
  });

  it("enables only the service, then the DLI path step by step (spot check)", () => {
    expect(enabledItems({})).toEqual(["service"]);
    expect(enabledItems({ service: "dli" })).toEqual(["service", "diagnosis"]);
    expect(enabledItems({ service: "dli", diagnosis: "solid-tumor" })).toEqual([
      "service",
      "diagnosis",
    ]);
    expect(
      enabledItems({
        service: "hpc-boost",
        priorTransplant: "autologous",
        sameDonor: true,
        preparativeRegimen: false,
      }),
    ).toEqual(["service", "priorTransplant", "sameDonor", "preparativeRegimen", "boostIndication"]);
  });
});

describe("the fixture policy's Questionnaire asks what the wizard asks", () => {
  it.each(FIXTURE_POLICY.versions.map((v) => [v.version, v] as const))(
    "version %s, every case",
    (_version, fixture) => {
      const filler = formFiller(fixture);
      let cases = 0;
      for (const product of [undefined, "widget", "gadget"])
        for (const indication of [undefined, "listed", "unlisted"])
          for (const doseMg of [undefined, 5, 199, 200, 299, 300, 500]) {
            const answers = Object.fromEntries(
              Object.entries({ product, indication, doseMg }).filter(([, v]) => v !== undefined),
            ) as Answers;
            expect(filler.enabledItems(answers), JSON.stringify(answers)).toEqual(
              evaluateUnder(fixture, answers).asked,
            );
            cases++;
          }
      expect(cases).toBe(63);
    },
  );
});
