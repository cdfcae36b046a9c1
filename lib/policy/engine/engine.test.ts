import { describe, expect, it } from "vitest";
import { FIXTURE_POLICY } from "@/test/fixture-policy";
import { createRegistry, PRODUCT_POLICIES } from "../registry";
import { answersSchemaFor, parseAnswers } from "./answers-schema";
import { definePolicy } from "./define-policy";
import { evaluate, evaluateToDecide } from "./evaluate";
import { plannedStepCount } from "./steps";
import type { Answers, Gate, PolicyDefinition, Question } from "./types";

const [v2024, v2026] = FIXTURE_POLICY.versions;

// The test-only fixture package through the engine: other fields, other determinations, a number
// question with other bounds and unit, an experimental rule, and two versions.
describe("the engine reads any policy package", () => {
  it.each<[string, Answers, string, string]>([
    ["nothing answered", {}, "incomplete", "Product"],
    [
      "an unlisted condition",
      { product: "widget", indication: "unlisted" },
      "investigational",
      "Listed condition",
    ],
    [
      "a dose missing",
      { product: "gadget", indication: "listed" },
      "incomplete",
      "Dose below 200 mg",
    ],
    [
      "199 mg",
      { product: "gadget", indication: "listed", doseMg: 199 },
      "covered",
      "Dose below 200 mg",
    ],
    [
      "200 mg",
      { product: "gadget", indication: "listed", doseMg: 200 },
      "not-covered",
      "Dose below 200 mg",
    ],
  ])("2024 version: %s", (_name, answers, determination, title) => {
    const result = evaluate(v2024!, answers);
    expect(result.determination).toBe(determination);
    expect(result.decidedBy.title).toBe(title);
    expect(result.policy).toEqual({
      id: "fixture-policy-9001",
      number: "9001",
      version: "2024-01-01",
      rulesRevision: 1,
    });
  });

  it("reads the same answers under each version's own rules", () => {
    const answers = { product: "widget", indication: "listed", doseMg: 250 };
    expect(evaluate(v2024!, answers).determination).toBe("not-covered");
    expect(evaluate(v2026!, answers).determination).toBe("covered");
    expect(evaluate(v2026!, answers).decidedBy.title).toBe("Dose below 300 mg");
  });

  it("derives the strict answers schema from the questions, with the number's own bounds", () => {
    expect(Object.keys(answersSchemaFor(v2024!).shape)).toEqual([
      "product",
      "indication",
      "doseMg",
    ]);
    expect(parseAnswers(v2024!, { doseMg: 501, service: "dli" })).toEqual({
      ok: false,
      issues: [
        { path: "doseMg", message: "must be a number from 5 to 500" },
        {
          path: "service",
          message: "is not a field of these answers (the fields are: product, indication, doseMg)",
        },
      ],
    });
    expect(parseAnswers(v2024!, { product: "widget", doseMg: 5 })).toEqual({
      ok: true,
      answers: { product: "widget", doseMg: 5 },
    });
  });

  it("walks the fixture's whole answer space consistently", () => {
    let cases = 0;
    for (const version of FIXTURE_POLICY.versions)
      for (const product of [undefined, "widget", "gadget"])
        for (const indication of [undefined, "listed", "unlisted"])
          for (const doseMg of [undefined, 5, 199, 200, 299, 300, 500]) {
            const answers = Object.fromEntries(
              Object.entries({ product, indication, doseMg }).filter(([, v]) => v !== undefined),
            ) as Answers;
            const result = evaluate(version, answers);
            cases++;
            expect(version.determinations.map((d) => d.value)).toContain(result.determination);
            expect(result.determination === "incomplete").toBe(result.nextQuestion !== null);
            if (indication === "unlisted" && product)
              expect(result.determination).toBe("investigational");
            if (result.nextQuestion) expect(answers[result.nextQuestion]).toBeUndefined();
            expect(plannedStepCount(version, answers)).toBeGreaterThanOrEqual(result.asked.length);
          }
    expect(cases).toBe(2 * 63);
  });
});

describe("answers that must decide the case (a submission, a correction, the form)", () => {
  it.each<[string, Answers, string | null]>([
    ["nothing answered", {}, "product"],
    ["the dose still to give", { product: "widget", indication: "listed" }, "doseMg"],
    ["decided by the indication", { product: "widget", indication: "unlisted" }, null],
    ["decided by the dose", { product: "gadget", indication: "listed", doseMg: 250 }, null],
  ])("%s: waits for %s", (_case, answers, next) => {
    const read = evaluateToDecide(v2026!, answers);
    const evaluation = evaluate(v2026!, answers);
    expect(read).toEqual(
      next === null
        ? { ok: true, evaluation }
        : {
            ok: false,
            evaluation,
            next: {
              field: next,
              reason: `Not answered yet: “${v2026!.questions.find((q) => q.field === next)!.text}”`,
            },
          },
    );
  });
});

describe("the registry", () => {
  const registry = createRegistry([...PRODUCT_POLICIES, { package: FIXTURE_POLICY }]);

  it("finds a version by id, by version, and by the date of service", () => {
    expect(registry.defaultId).toBe("coverage-policy-0261");
    expect(registry.getPolicy("fixture-policy-9001", "2024-01-01")).toBe(v2024);
    expect(registry.getPolicy("fixture-policy-9001", "1999-01-01")).toBeUndefined();
    expect(registry.getPolicy("no-such-policy")).toBeUndefined();
  });

  // One rule for the form, PAS and CRD: the version in force on the date of service, none before
  // the first version (never a later one read in its place), today's when no date is known.
  it.each<[string, string | undefined, "2024-01-01" | "2026-01-01" | "today's" | "none"]>([
    ["on the first version's first day", "2024-01-01", "2024-01-01"],
    ["the day before the second version", "2025-12-31", "2024-01-01"],
    ["on the second version's first day", "2026-01-01", "2026-01-01"],
    ["the day before the first version", "2023-12-31", "none"],
    ["long before it", "1999-06-01", "none"],
    ["with no date", undefined, "today's"],
  ])("judges a case dated %s (%s) under version %s", (_when, date, expected) => {
    const judged = registry.policyOn("fixture-policy-9001", date);
    if (expected === "none")
      expect(judged).toEqual({
        ok: false,
        reason: "before-first-version",
        message: `No version of Fixture Policy 9001 is in force on ${date}: its first version takes effect on 2024-01-01`,
      });
    else
      expect(judged.ok && judged.policy).toBe(
        {
          "2024-01-01": v2024,
          "2026-01-01": v2026,
          "today's": registry.getPolicy("fixture-policy-9001"),
        }[expected],
      );
  });

  it("judges nothing under a policy it does not list", () => {
    expect(registry.policyOn("no-such-policy", "2026-01-01")).toEqual({
      ok: false,
      reason: "unknown-policy",
      message: "No policy no-such-policy",
    });
  });

  it("finds the service a CPT code names, with the policy that governs it", () => {
    expect(registry.serviceForCpt("38243")).toEqual({
      policyId: "coverage-policy-0261",
      cpt: "38243",
      label: "Hematopoietic progenitor cell (HPC) boost",
    });
    expect(registry.serviceForCpt("X0001")?.policyId).toBe("fixture-policy-9001");
    expect(registry.serviceForCpt("38240")).toBeUndefined();
    expect(registry.services.map((s) => s.cpt)).toEqual(["38242", "38243", "X0001", "X0002"]);
  });

  it("lists the fixture only where a test lists it", () => {
    expect(createRegistry(PRODUCT_POLICIES).has("fixture-policy-9001")).toBe(false);
    expect(PRODUCT_POLICIES.map((e) => e.package.meta.id)).toEqual(["coverage-policy-0261"]);
  });
});

describe("definePolicy refuses a package that does not hold together", () => {
  type F = "a" | "b";
  const questions: readonly Question<F>[] = [
    {
      field: "a",
      subject: "a",
      kind: "choice",
      text: "A?",
      askedWhen: [],
      cites: ["p"],
      options: [{ value: "x", label: "X", cites: ["p"] }],
    },
    {
      field: "b",
      subject: "b",
      kind: "number",
      text: "B?",
      askedWhen: [],
      cites: ["p"],
      inputLabel: "B",
      min: 0,
      max: 1,
      unit: "1",
    },
  ];
  const gates: readonly Gate<F>[] = [
    {
      field: "a",
      step: 1,
      title: "A",
      rules: [{ when: [], state: "met", reason: "a", cites: ["p"] }],
    },
    {
      field: "b",
      step: 2,
      title: "B",
      rules: [{ when: [], state: "met", determination: "yes", reason: "b", cites: ["p"] }],
    },
  ];
  const base: PolicyDefinition<F> = {
    meta: {
      id: "t",
      number: "1",
      documentType: "T",
      title: "T",
      publisher: "T",
      copyright: "T",
      services: [],
      shortName: "T",
    },
    versions: [
      {
        version: "1",
        effectiveDate: "2020-01-01",
        rulesRevision: 1,
        rulesRevisionDate: "2020-01-01",
      },
    ],
    questions,
    gates,
    determinations: [
      { value: "yes", label: "Yes", tone: "approve" },
      { value: "incomplete", label: "Incomplete", tone: "incomplete" },
    ],
    determinationNote: "n",
    passages: [{ id: "p", section: [], lines: ["P"] }],
  };

  it("accepts a whole one", () => {
    expect(definePolicy(base).versions).toHaveLength(1);
  });

  it.each<[string, Partial<PolicyDefinition<F>>, RegExp]>([
    [
      "a cited passage it lacks",
      { passages: [{ id: "q", section: [], lines: ["Q"] }] },
      /cites no passage p/,
    ],
    [
      "a determination it lacks",
      { determinations: [{ value: "incomplete", label: "I", tone: "incomplete" }] },
      /decides yes, which is not a determination/,
    ],
    [
      "gates out of the questions' order",
      { gates: [gates[1]!, gates[0]!] },
      /in the questions' order/,
    ],
    [
      "versions out of order",
      {
        versions: [
          base.versions[0]!,
          { ...base.versions[0]!, version: "0", effectiveDate: "2019-01-01" },
        ],
      },
      /oldest first/,
    ],
  ])("not %s", (_name, change, message) => {
    expect(() => definePolicy({ ...base, ...change })).toThrow(message);
  });

  it("and the types catch a gate naming a field the policy does not have", () => {
    // definePolicy takes the fields from the questions only, so a gate's typo is a type error.
    const typo = () =>
      definePolicy({
        meta: base.meta,
        versions: [
          {
            version: "1",
            effectiveDate: "2020-01-01",
            rulesRevision: 1,
            rulesRevisionDate: "2020-01-01",
          },
        ],
        determinations: base.determinations,
        determinationNote: base.determinationNote,
        passages: base.passages,
        questions: [
          {
            field: "a",
            subject: "a",
            kind: "choice",
            text: "A?",
            askedWhen: [],
            cites: ["p"],
            options: [],
          },
        ],
        // @ts-expect-error "b" is not a field of a policy whose only question is "a".
        gates: [{ field: "b", step: 1, title: "B", rules: [] }],
      });
    expect(typo).toThrow(/questions' order/);
  });
});
