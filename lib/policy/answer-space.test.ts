import { describe, expect, it } from "vitest";
import { DETERMINATIONS } from "./determinations";
import { evaluate } from "./evaluate";
import {
  BOOST_INDICATIONS,
  DIAGNOSES,
  DLI_INDICATIONS,
  PRIOR_TRANSPLANTS,
  SERVICES,
  type Answers,
} from "./fields";
import { isPassageId } from "./passages";
import { allHold } from "./conditions";
import { getQuestion } from "./questions";

// Each field absent or any of its values; chimerism at the contract's edges and inside.
const DOMAINS: { [F in keyof Answers]-?: readonly (Answers[F] | undefined)[] } = {
  service: [undefined, ...SERVICES],
  priorTransplant: [undefined, ...PRIOR_TRANSPLANTS],
  sameDonor: [undefined, true, false],
  preparativeRegimen: [undefined, true, false],
  diagnosis: [undefined, ...DIAGNOSES],
  dliIndication: [undefined, ...DLI_INDICATIONS],
  boostIndication: [undefined, ...BOOST_INDICATIONS],
  donorChimerismPercent: [undefined, 0, 50, 99.9, 100],
};

function* answerSpace(): Generator<Answers> {
  const entries = Object.entries(DOMAINS) as [keyof Answers, readonly unknown[]][];
  function* walk(i: number, acc: Answers): Generator<Answers> {
    if (i === entries.length) return yield acc;
    const [field, values] = entries[i]!;
    for (const value of values) {
      yield* walk(i + 1, value === undefined ? acc : { ...acc, [field]: value });
    }
  }
  yield* walk(0, {});
}

const summary = (a: Answers) => {
  const r = evaluate(a);
  return {
    determination: r.determination,
    decidedBy: r.decidedBy,
    nextQuestion: r.nextQuestion,
    asked: r.asked,
    states: r.trace.map((t) => t.state),
  };
};

// Plain checks collected into one list: expect() per case would make 155,520 cases take a minute.
function problemsOf(answers: Answers): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => ok || problems.push(what);
  const result = evaluate(answers);
  check(DETERMINATIONS.includes(result.determination), "determination is one of the four");

  check(
    (result.determination === "incomplete") === (result.nextQuestion !== null),
    "incomplete exactly when a next question is named",
  );
  const relevant = { ...answers };
  for (const i of result.ignored) delete relevant[i.field];
  if (result.nextQuestion) {
    check(result.asked.at(-1) === result.nextQuestion, "the next question is the last asked");
    check(answers[result.nextQuestion] === undefined, "the next question is unanswered");
    check(
      allHold(getQuestion(result.nextQuestion).askedWhen, relevant),
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
      JSON.stringify(summary(relevant)) === JSON.stringify(summary(answers)),
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
  it("gives one of the four determinations, consistent with its trace, for every case", () => {
    let cases = 0;
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const answers of answerSpace()) {
      cases++;
      seen.add(evaluate(answers).determination);
      if (problems.length < 10) problems.push(...problemsOf(answers));
    }
    expect(problems).toEqual([]);
    expect(cases).toBe(3 * 4 * 3 * 3 * 12 * 6 * 4 * 5);
    expect([...seen].sort()).toEqual([...DETERMINATIONS].sort());
  }, 120_000);
});
