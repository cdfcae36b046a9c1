import { describe, expect, it } from "vitest";
import { countedAnswers, evaluate } from "@/lib/policy/engine/evaluate";
import { citationsFor, getQuestion } from "@/lib/policy/engine/questions";
import type { AnswerValue } from "@/lib/policy/engine/types";
import { coveragePolicy0261 } from ".";
import type { Answers } from "./fields";

// Issue 23, item 8: every passage shown beside a question belongs to that question's service.
// citationsFor is the one function the wizard, the trace, the request pages and the PDF read
// (lib/requests/answers-with-passages.ts); the FHIR Questionnaire carries the same passages per
// case (lib/fhir/enable-logic.test.ts).

const policy = coveragePolicy0261.versions[0]!;

/** The passages of one service only, by the policy's sections (section-map.ts) and statements. */
const ONLY: Record<"dli" | "hpc-boost", RegExp> = {
  dli: /^(coverage-policy\.(dli|experimental)|background\.dli\.|literature\.(cml|all|aml-mds|multiple-myeloma|nhl)\.|overview\.2$)/,
  "hpc-boost":
    /^(coverage-policy\.hpc-boost|background\.hpc-boost\.|literature\.hpc-boost\.|overview\.3$)/,
};
const OTHER = { dli: "hpc-boost", "hpc-boost": "dli" } as const;

const shown = (field: string, value: AnswerValue | undefined, answers: Answers) =>
  [...citationsFor(getQuestion(policy, field), value, answers)].sort();

describe("the passages beside a question belong to its service", () => {
  it.each([
    // question, answer (undefined: before it is answered), the case, the passages shown
    ["priorTransplant", undefined, { service: "dli" }, ["coverage-policy.dli", "overview.1"]],
    [
      "priorTransplant",
      undefined,
      { service: "hpc-boost" },
      ["coverage-policy.hpc-boost", "overview.1"],
    ],
    // Before the service is answered (a question read out of order): both services' passages.
    [
      "priorTransplant",
      undefined,
      {},
      ["coverage-policy.dli", "coverage-policy.hpc-boost", "overview.1"],
    ],
    ["priorTransplant", "allogeneic", { service: "dli" }, ["coverage-policy.dli", "overview.1"]],
    [
      "priorTransplant",
      "allogeneic",
      { service: "hpc-boost" },
      ["coverage-policy.hpc-boost", "overview.1"],
    ],
    [
      "priorTransplant",
      "autologous",
      { service: "dli" },
      ["coverage-policy.dli", "overview.1", "overview.2"],
    ],
    [
      "priorTransplant",
      "autologous",
      { service: "hpc-boost" },
      ["coverage-policy.hpc-boost", "overview.1", "overview.3"],
    ],
    ["sameDonor", true, { service: "dli" }, ["background.dli.1", "overview.1"]],
    ["sameDonor", true, { service: "hpc-boost" }, ["background.hpc-boost.1", "overview.1"]],
    ["preparativeRegimen", false, { service: "dli" }, ["background.dli.1", "literature.cml.2"]],
    ["preparativeRegimen", false, { service: "hpc-boost" }, ["background.hpc-boost.1"]],
    [
      "preparativeRegimen",
      true,
      { service: "dli" },
      ["background.dli.1", "literature.cml.2", "related-resources"],
    ],
    [
      "preparativeRegimen",
      true,
      { service: "hpc-boost" },
      ["background.hpc-boost.1", "related-resources"],
    ],
  ] as const)("%s = %s for %j shows %j", (field, value, answers, passages) => {
    const given = value === undefined ? answers : { ...answers, [field]: value };
    expect(shown(field, value, given)).toEqual(passages);
  });

  it("holds for every question of every path through the questionnaire, answered or not", () => {
    // Every path the wizard can take: at each step, each answer of the next question.
    let checked = 0;
    const walk = (answers: Answers) => {
      const outcome = evaluate(policy, answers);
      const counted = countedAnswers(outcome);
      const service = counted.service as "dli" | "hpc-boost" | undefined;
      if (service)
        for (const field of outcome.asked) {
          const value = counted[field as keyof Answers];
          const ids = [...shown(field, undefined, counted), ...shown(field, value, counted)];
          const foreign = ids.filter((id) => ONLY[OTHER[service]].test(id));
          expect(foreign, `${field} for ${JSON.stringify(counted)}`).toEqual([]);
          checked++;
        }
      const next = outcome.nextQuestion;
      // Done, or asked again (an answer not offered for the case, r3 gate 7): the path ends.
      if (!next || next in answers) return;
      const question = getQuestion(policy, next);
      const values =
        question.kind === "choice" ? question.options.map((o) => o.value) : [0, 4.9, 50, 99.9, 100];
      for (const value of values) walk({ ...answers, [next]: value });
    };
    walk({});
    expect(checked).toBeGreaterThan(300);
  });
});
