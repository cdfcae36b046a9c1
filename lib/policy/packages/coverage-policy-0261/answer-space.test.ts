import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { allHold } from "@/lib/policy/engine/conditions";
import { evaluate as evaluateUnder, type Evaluation } from "@/lib/policy/engine/evaluate";
import type { Answers as EngineAnswers } from "@/lib/policy/engine/types";
import { findPassage } from "@/lib/policy/engine/passages";
import { getQuestion } from "@/lib/policy/engine/questions";
import { ANSWER_SPACE_SIZE, answerSpace } from "@/test/answer-space";
import { coveragePolicy0261 } from ".";
import { NOT_HEMATOLOGIC_MALIGNANCY, type Answers } from "./fields";

// One walk over the whole answer space (168,480 cases), each case evaluated once, serves every
// test below: the invariants, the snapshot of rules revision 3, and what revision 3 changed.
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

// SHA-256 of evaluate() over the whole answer space (one JSON line per case), taken when rules
// revision 3 was built: any change to a determination, a trace, a reason, a note or a citation
// of any case changes it. A change that is meant replaces it, with the reason in the commit;
// "rules revision 3 changes exactly the readings it names" below shows which determinations
// revision 3 changed from revision 2, and why.
// Re-taken for issue 23: a question both services ask cites only its service's passages
// (citesFor); with every "cites" left out, the hash over the space is unchanged. Re-taken again
// for issue 23, item 6: a gate is named by its title first ("Not needed: the case was decided at
// Prior HSCT (gate 4)."); with that note worded back as before, the hash is the one before it
// (f61896f9…).
const RULES_REVISION_3 = "fa6d5bd791bab110bf915ac93689a5e30892d6fbf2577dea7c26365133e1cc42";

// Every case whose determination rules revision 3 changed, and nothing else. SHA-256 of one line
// per case of the answer space — answers, determination, deciding field — as revision 2 read them
// (taken from the engine at rules revision 2, commit 2f352d2, before this revision was built).
const REVISION_2_READINGS = "e96019bda8540ea3b2433356e569c4fff7fc373379292f6ab6d48ff0efa1255f";

/** What revision 2 read where a rule of revision 3 reads otherwise; undefined where r3 changed nothing. */
function revision2Reading(r3: Evaluation): [string, string] | undefined {
  // Gate 7 (r3): "enhance chimerism" after an autologous HSCT is not offered and counts as not
  // given; revision 2 read it as not medically necessary at that gate.
  if (r3.ignored.some((i) => i.why === "not-offered" && i.answer === "enhance-chimerism"))
    return ["not-medically-necessary", "boostIndication"];
  // Gate 8 (r3): below 5% donor cells is graft loss, outside the policy; revision 2 read it as
  // medically necessary ("<100% donor cells").
  if (r3.decidedBy.field === "donorChimerismPercent" && r3.determination === "outside-policy")
    return ["medically-necessary", "donorChimerismPercent"];
  return undefined;
}

// Plain checks collected into one list: expect() per case would make 168,480 cases take a minute.
function problemsOf(answers: EngineAnswers, result: Evaluation): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => ok || problems.push(what);
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

let walked: {
  cases: number;
  determinations: Set<string>;
  problems: string[];
  snapshot: string;
  revision2Readings: string;
  changed: Record<string, number>;
};

beforeAll(() => {
  let cases = 0;
  const determinations = new Set<string>();
  const problems: string[] = [];
  const snapshot = createHash("sha256");
  const revision2Readings = createHash("sha256");
  const changed = new Map<string, number>();
  for (const answers of answerSpace()) {
    cases++;
    const result = evaluate(answers);
    determinations.add(result.determination);
    if (problems.length < 10) problems.push(...problemsOf(answers, result));
    snapshot.update(JSON.stringify(result));
    snapshot.update("\n");
    const before = revision2Reading(result);
    const [determination, by] = before ?? [
      result.determination,
      String(result.decidedBy.field ?? result.decidedBy.step),
    ];
    if (before) {
      const key = `${before[0]} → ${result.determination} (${before[1]})`;
      changed.set(key, (changed.get(key) ?? 0) + 1);
    }
    revision2Readings.update(`${JSON.stringify(answers)}\t${determination}\t${by}\n`);
  }
  walked = {
    cases,
    determinations,
    problems,
    snapshot: snapshot.digest("hex"),
    revision2Readings: revision2Readings.digest("hex"),
    changed: Object.fromEntries(changed),
  };
  // Seconds alone; a minute and more beside other suites on this 2-core machine.
}, 600_000);

describe("the whole answer space", () => {
  it("gives one of the five determinations, consistent with its trace, for every case", () => {
    expect(walked.problems).toEqual([]);
    expect(walked.cases).toBe(ANSWER_SPACE_SIZE);
    expect(walked.cases).toBe(3 * 13 * 6 * 4 * 3 * 3 * 4 * 5);
    expect([...walked.determinations].sort()).toEqual([...DETERMINATIONS].sort());
  });
});

describe("Policy 0261 at rules revision 3", () => {
  it("evaluates every case of the answer space exactly as when revision 3 was built", () => {
    expect(walked.cases).toBe(ANSWER_SPACE_SIZE);
    expect(walked.snapshot).toBe(RULES_REVISION_3);
  });
});

describe("rules revision 3 changes exactly the readings it names", () => {
  it("reads every other case of the answer space as revision 2 did", () => {
    expect(policy.rulesRevision).toBe(3);
    expect(walked.revision2Readings).toBe(REVISION_2_READINGS);
    // The answer space holds each changed reading this many times (other answers varying).
    expect(walked.changed).toEqual({
      "not-medically-necessary → incomplete (boostIndication)": 390,
      "medically-necessary → outside-policy (donorChimerismPercent)": 78,
    });
  });
});
