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
