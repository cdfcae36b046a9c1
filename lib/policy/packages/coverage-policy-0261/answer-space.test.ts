import { describe, expect, it } from "vitest";
import { allHold } from "@/lib/policy/engine/conditions";
import { evaluate as evaluateUnder } from "@/lib/policy/engine/evaluate";
import type { Answers as EngineAnswers } from "@/lib/policy/engine/types";
import { findPassage } from "@/lib/policy/engine/passages";
import { getQuestion } from "@/lib/policy/engine/questions";
import { ANSWER_SPACE_SIZE, answerSpace } from "@/test/answer-space";
import { coveragePolicy0261 } from ".";
import { NOT_HEMATOLOGIC_MALIGNANCY, type Answers } from "./fields";

const policy = coveragePolicy0261.versions[0]!;
const evaluate = (answers: Answers) => evaluateUnder(policy, answers);
const DETERMINATIONS = policy.determinations.map((d) => d.value);
const isPassageId = (id: string) => findPassage(policy, id) !== undefined;

const EIU = "experimental-investigational-unproven";

// An answer not offered for the case says why in the reason of the gate that asks again; the rest
// of the reading is the reading without it.
const summary = (a: Answers, withReason = true) => {
  const r = evaluate(a);
  const { reason, ...decidedBy } = r.decidedBy;
  return {
    determination: r.determination,
    decidedBy: withReason ? { ...decidedBy, reason } : decidedBy,
    nextQuestion: r.nextQuestion,
    asked: r.asked,
    states: r.trace.map((t) => t.state),
  };
};

// Plain checks collected into one list: expect() per case would make 168,480 cases take a minute.
function problemsOf(answers: EngineAnswers): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => ok || problems.push(what);
  const result = evaluate(answers);
  check(DETERMINATIONS.includes(result.determination), "determination is one of the five");

  // rules-0261.md r2: an experimental use is experimental whatever the transplant, donor or
  // regimen, and what the policy does not address is never an adverse determination.
  const dli = answers.service === "dli";
  if (dli && NOT_HEMATOLOGIC_MALIGNANCY.some((d) => d === answers.diagnosis))
    check(result.determination === EIU, "a DLI for a non-hematologic condition is experimental");
  if (dli && answers.diagnosis && answers.dliIndication === "other")
    check(result.determination === EIU, "a DLI for another indication is experimental");
  if (result.determination === "not-medically-necessary")
    check(
      !["sameDonor", "preparativeRegimen"].includes(result.decidedBy.field ?? "") &&
        !(answers.service === "hpc-boost" && result.decidedBy.field === "priorTransplant"),
      "another cell source, conditioning or a boost without HSCT is never a denial",
    );
  if (result.determination === "outside-policy")
    check(
      ["priorTransplant", "sameDonor", "preparativeRegimen", "donorChimerismPercent"].includes(
        result.decidedBy.field ?? "",
      ),
      "only gates 4 to 6 and 8 (r3: graft loss) send a case outside the policy",
    );
  // rules-0261.md r3: an answer that cannot be right is asked again, never read adversely, and
  // donor cells below 5% are graft loss, for a medical director.
  if (answers.service === "hpc-boost" && answers.priorTransplant === "autologous")
    check(
      !result.asked.includes("donorChimerismPercent") &&
        (answers.boostIndication !== "enhance-chimerism" ||
          !["not-medically-necessary", "medically-necessary"].includes(result.determination)),
      "enhance chimerism after an autologous HSCT is never decided",
    );
  if (result.decidedBy.field === "donorChimerismPercent" && result.determination !== "incomplete")
    check(
      Number(answers.donorChimerismPercent) < 5 === (result.determination === "outside-policy"),
      "below 5% donor cells, and only there, is outside the policy",
    );

  check(
    (result.determination === "incomplete") === (result.nextQuestion !== null),
    "incomplete exactly when a next question is named",
  );
  const relevant = { ...answers };
  for (const i of result.ignored) delete relevant[i.field];
  const notOffered = result.ignored.some((i) => i.why === "not-offered");
  if (result.nextQuestion) {
    check(result.asked.at(-1) === result.nextQuestion, "the next question is the last asked");
    check(
      relevant[result.nextQuestion] === undefined,
      "the next question is unanswered, or its answer is not offered for the case",
    );
    check(
      allHold(getQuestion(policy, result.nextQuestion).askedWhen, relevant),
      "the next question is asked",
    );
  } else {
    check(
      result.asked.every((f) => answers[f] !== undefined),
      "every asked question is answered",
    );
  }

  if (result.ignored.length) {
    check(
      JSON.stringify(summary(relevant, !notOffered)) ===
        JSON.stringify(summary(answers, !notOffered)),
      "removing the ignored answers changes nothing",
    );
    check(evaluate(relevant).ignored.length === 0, "nothing is ignored once removed");
  }

  const cites = [...result.decidedBy.cites, ...result.trace.flatMap((t) => t.cites)];
  check(cites.every(isPassageId), "every cited passage exists");
  check(result.decidedBy.cites.length > 0, "the deciding rule cites a passage");
  return problems.map((p) => `${p}: ${JSON.stringify(answers)}`);
}

describe("the whole answer space", () => {
  it("gives one of the five determinations, consistent with its trace, for every case", () => {
    let cases = 0;
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const answers of answerSpace()) {
      cases++;
      seen.add(evaluate(answers).determination);
      if (problems.length < 10) problems.push(...problemsOf(answers));
    }
    expect(problems).toEqual([]);
    expect(cases).toBe(ANSWER_SPACE_SIZE);
    expect(cases).toBe(3 * 13 * 6 * 4 * 3 * 3 * 4 * 5);
    expect([...seen].sort()).toEqual([...DETERMINATIONS].sort());
  }, 600_000);
});
