import fc from "fast-check";
import { countedAnswers, evaluate } from "@/lib/policy/engine/evaluate";
import { getQuestion, isOffered } from "@/lib/policy/engine/questions";
import type { Policy } from "@/lib/policy/engine/types";
import {
  BOOST_INDICATIONS,
  DIAGNOSES,
  DLI_INDICATIONS,
  FIELDS,
  PRIOR_TRANSPLANTS,
  SERVICES,
  type Answers,
  type Field,
} from "@/lib/policy/packages/coverage-policy-0261/fields";

/** Each field of Policy 0261 absent or any of its values; chimerism at the contract's edges and inside. */
export const DOMAINS: { [F in Field]-?: readonly (Answers[F] | undefined)[] } = {
  service: [undefined, ...SERVICES],
  diagnosis: [undefined, ...DIAGNOSES],
  dliIndication: [undefined, ...DLI_INDICATIONS],
  priorTransplant: [undefined, ...PRIOR_TRANSPLANTS],
  sameDonor: [undefined, true, false],
  preparativeRegimen: [undefined, true, false],
  boostIndication: [undefined, ...BOOST_INDICATIONS],
  donorChimerismPercent: [undefined, 0, 50, 99.9, 100],
};

/** The number of cases answerSpace() yields. */
export const ANSWER_SPACE_SIZE = FIELDS.reduce((n, f) => n * DOMAINS[f].length, 1);

/** Every case over the first `fields` (all of them by default), answered or not, in any way. */
export function* answerSpace(fields: readonly Field[] = FIELDS): Generator<Answers> {
  function* walk(i: number, acc: Answers): Generator<Answers> {
    if (i === fields.length) return yield acc;
    const field = fields[i]!;
    for (const value of DOMAINS[field])
      yield* walk(i + 1, value === undefined ? acc : { ...acc, [field]: value });
  }
  yield* walk(0, {});
}

/** The answers with their fields in the contract's order, unanswered ones left out. */
const inOrder = (answers: Partial<Record<Field, unknown>>): Answers =>
  Object.fromEntries(
    FIELDS.filter((f) => answers[f] !== undefined).map((f) => [f, answers[f]]),
  ) as Answers;

/**
 * Every answer set the wizard can hold, and so keep in a draft: from no answers, any question it
 * asks (evaluate().asked: the one shown, or an earlier one gone back to) answered with any option
 * it offers for the case, or any of DOMAINS' numbers, or a number cleared again; repeated. An
 * answer to a question that a later change stops asking stays (the wizard keeps every value it
 * was given, and the draft saves them), so `stale` holds those sets; `tidy` the ones where every
 * answer is to a question asked. Start over empties it. Not here: answers imported from a
 * QuestionnaireResponse file or proposed by an EHR, which may be any set (strayAnswerSets samples
 * those, answerSpace() holds them all).
 */
export function wizardAnswerSets(policy: Policy): { tidy: Answers[]; stale: Answers[] } {
  const found = new Map<string, Answers>([["{}", {}]]);
  const queue: Answers[] = [{}];
  const tidy: Answers[] = [];
  const stale: Answers[] = [];
  for (let i = 0; i < queue.length; i++) {
    const answers = queue[i]!;
    const outcome = evaluate(policy, answers);
    const counted = countedAnswers(outcome);
    const asked = outcome.asked as Field[];
    (FIELDS.every((f) => answers[f] === undefined || asked.includes(f)) ? tidy : stale).push(
      answers,
    );
    for (const field of asked) {
      const question = getQuestion(policy, field);
      const values =
        question.kind === "choice"
          ? question.options.filter((o) => isOffered(o, counted)).map((o) => o.value)
          : DOMAINS[field];
      for (const value of values) {
        const next = inOrder({ ...answers, [field]: value });
        const key = JSON.stringify(next);
        if (found.has(key)) continue;
        found.set(key, next);
        queue.push(next);
      }
    }
  }
  return { tidy, stale };
}

/** `count` of `sets`, the same ones for the same seed. */
export const sampleOf = <T>(sets: readonly T[], count: number, seed: number): T[] =>
  fc.sample(fc.shuffledSubarray([...sets], { minLength: count, maxLength: count }), {
    seed,
    numRuns: 1,
  })[0]!;

/** `count` answer sets drawn from the whole answer space, the same ones for the same seed. */
export function strayAnswerSets(count: number, seed: number): Answers[] {
  const anySet = fc.record(
    Object.fromEntries(FIELDS.map((f) => [f, fc.constantFrom(...DOMAINS[f])])) as {
      [F in Field]: fc.Arbitrary<Answers[F] | undefined>;
    },
  );
  return fc.sample(anySet, { seed, numRuns: count }).map(inOrder);
}

/** Strays drawn beside the wizard's sets in the everyday run, and their seed (issue 22). */
export const EVERYDAY_STRAYS = 2_000;
export const EVERYDAY_SEED = 22;

/**
 * The everyday run's cases for a whole-space proof: every set the wizard can hold, stale answers
 * included, and EVERYDAY_STRAYS sets drawn from the whole space. The *.full.test.ts step walks
 * answerSpace() instead.
 */
export function everydayAnswerSets(policy: Policy): Answers[] {
  const { tidy, stale } = wizardAnswerSets(policy);
  return [...tidy, ...stale, ...strayAnswerSets(EVERYDAY_STRAYS, EVERYDAY_SEED)];
}
