import { describe, expect, it } from "vitest";
import { evaluate as evaluateUnder } from "@/lib/policy/engine/evaluate";
import type { Answers, Policy } from "@/lib/policy/engine/types";
import { coveragePolicy0261 } from "@/lib/policy/packages/coverage-policy-0261";
import { FIELDS, type Field } from "@/lib/policy/packages/coverage-policy-0261/fields";
import { sampleOf, strayAnswerSets, wizardAnswerSets } from "@/test/answer-space";
import { FIXTURE_POLICY } from "@/test/fixture-policy";
import { differencesFromWizard, formFiller } from "@/test/form-filler";

// The Questionnaire's own enable logic, run by a maintained FHIRPath engine (fhirpath.js, the
// one LHC-Forms uses) as an SDC form filler runs it: root variables in order, then each item's
// enableWhenExpression. For every answer set the wizard can hold where each answer is to a
// question asked, a seeded sample of those it can hold with stale answers, and stray sets drawn
// from the whole answer space, the enabled items must be exactly the questions the wizard asks
// (evaluate().asked); enable-logic.full.test.ts proves it for every case of the space.

const policy: Policy = coveragePolicy0261.versions[0]!;
// Of the answer sets the wizard can hold with stale answers (a changed answer leaves the answers
// to questions no longer asked, and the draft keeps them), a sample; and sets drawn from the
// whole space, as an imported file, an EHR or another form filler may send them. The same ones
// every run (fast-check's sampler, one seed).
const STALE = 1_000;
const STRAYS = 2_000;
const SEED = 22;

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

  it(`enables exactly evaluate().asked, worded, offered and helped as the wizard: every tidy answer set the wizard can hold, ${STALE.toLocaleString("en")} of those with stale answers, ${STRAYS.toLocaleString("en")} stray sets (seed ${SEED})`, () => {
    // Every set, stale ones too, is npm test's full-proof step: enable-logic.full.test.ts.
    const { tidy, stale } = wizardAnswerSets(policy);
    expect(tidy).toHaveLength(366);
    expect(stale.length).toBeGreaterThan(20_000);
    const sets = [...tidy, ...sampleOf(stale, STALE, SEED), ...strayAnswerSets(STRAYS, SEED)];
    const { mismatches, cases } = differencesFromWizard(policy, sets);
    expect(mismatches).toEqual([]);
    expect(cases).toBe(366 + STALE + STRAYS);
    // Seconds alone; a minute and more beside other suites on this 2-core machine (load 13).
  }, 600_000);

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
