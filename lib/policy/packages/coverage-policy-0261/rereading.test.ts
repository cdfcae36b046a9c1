import { describe, expect, it } from "vitest";
import {
  REVISION_1_CASES,
  REVISION_2_CASES,
  type Revision1Case,
  type Revision2Case,
} from "@/test/stored-requests";
import { evaluate as evaluateUnder, type Evaluation } from "@/lib/policy/engine/evaluate";
import { compareReadings as compareUnder } from "@/lib/policy/engine/rereading";
import { readStoredEvaluation } from "@/lib/policy/engine/stored-evaluation";
import { coveragePolicy0261 } from ".";
import type { Answers } from "./fields";
import { REVISION_CHANGES } from "./revision-changes";

const policy = coveragePolicy0261.versions[0]!;
const evaluate = (answers: Answers) => evaluateUnder(policy, answers);
const compareReadings = (stored: Evaluation, now: Evaluation) =>
  compareUnder(policy, stored, now, REVISION_CHANGES);

const stored = (name: Revision1Case) =>
  readStoredEvaluation(JSON.stringify(REVISION_1_CASES[name].evaluation));
const now = (name: Revision1Case) => evaluate(REVISION_1_CASES[name].answers);

// Requests stored under rules revisions 1 and 2 (evaluations captured from those engines), read
// again under revision 3: the stored reading stays, and where the two differ the page says why.
describe("a revision-1 request read again under revision 3", () => {
  it.each<[Revision1Case, string, string, boolean, RegExp]>([
    [
      "dli-relapsed-cml",
      "medically-necessary",
      "medically-necessary",
      false,
      /^Same determination under rules revision 3, reached at DLI coverage statement \(gate 7\), where revision 1 reached it at DLI indication \(gate 5\)/,
    ],
    [
      "hpc-conditioning",
      "not-medically-necessary",
      "outside-policy",
      true,
      /^Rules revision 2 reads a conditioning regimen as a transplant .* Revision 1 read it as not medically necessary\. .*reinduction chemotherapy/,
    ],
    [
      "dli-non-malignant-another-donor",
      "not-medically-necessary",
      "experimental-investigational-unproven",
      true,
      /^Rules revision 2 asks what the DLI treats before the transplant history/,
    ],
    [
      "dli-another-donor",
      "not-medically-necessary",
      "incomplete",
      true,
      /^Rules revision 3 asks “Which condition is the DLI given to treat or prevent\?”, which revision 1 did not ask/,
    ],
    [
      "hpc-autologous-engraftment",
      "medically-necessary",
      "incomplete",
      true,
      /^Rules revision 3 asks “Do the cells come from the same source as the patient's most recent HSCT — the same donor, or the patient's own stored cells/,
    ],
  ])("%s: stored %s, now %s", (name, before, after, differs, explanation) => {
    const then = stored(name);
    expect(then.policy.rulesRevision).toBe(1);
    expect(then.determination).toBe(before);
    const today = now(name);
    expect(today.policy.rulesRevision).toBe(3);
    expect(today.determination).toBe(after);
    const rereading = compareReadings(then, today);
    expect(rereading.differs).toBe(differs);
    expect(rereading.explanation).toHaveLength(1);
    expect(rereading.explanation[0]).toMatch(explanation);
  });

  it("explains a case sent outside the policy by another cell source", () => {
    const answers = {
      service: "dli",
      diagnosis: "aml",
      dliIndication: "relapsed",
      priorTransplant: "allogeneic",
      sameDonor: false,
    } as const;
    const then = { ...evaluate(answers), determination: "not-medically-necessary" as const };
    const revision1 = { ...then, policy: { ...then.policy, rulesRevision: 1 } };
    const rereading = compareReadings(revision1, evaluate(answers));
    expect(rereading.differs).toBe(true);
    expect(rereading.explanation).toEqual([
      expect.stringMatching(
        /^Rules revision 2 reads cells from another source as a new transplant/,
      ),
    ]);
  });

  it("says nothing when a request reads the same today", () => {
    const today = evaluate(REVISION_1_CASES["dli-relapsed-cml"].answers);
    expect(compareReadings(today, today)).toEqual({ differs: false, explanation: [] });
  });
});

describe("a revision-2 request read again under revision 3", () => {
  const stored2 = (name: Revision2Case) =>
    readStoredEvaluation(JSON.stringify(REVISION_2_CASES[name].evaluation));
  const now2 = (name: Revision2Case) => evaluate(REVISION_2_CASES[name].answers);

  it.each<[Revision2Case, string, string, boolean, RegExp | undefined]>([
    [
      "hpc-autologous-enhance-chimerism",
      "not-medically-necessary",
      "incomplete",
      true,
      /^Rules revision 3 does not offer “Enhance chimerism” after an autologous HSCT.* Revision 2 read it as not medically necessary/,
    ],
    [
      "hpc-graft-loss",
      "medically-necessary",
      "outside-policy",
      true,
      /^Rules revision 3 reads donor cells below 5% .* graft rejection or loss.* Revision 2 read it as medically necessary\.$/,
    ],
    ["hpc-full-donor", "not-medically-necessary", "not-medically-necessary", false, undefined],
    ["dli-another-donor", "outside-policy", "outside-policy", false, undefined],
  ])("%s: stored %s, now %s", (name, before, after, differs, explanation) => {
    const then = stored2(name);
    expect(then.policy.rulesRevision).toBe(2);
    expect(then.determination).toBe(before);
    const today = now2(name);
    expect(today.determination).toBe(after);
    const rereading = compareReadings(then, today);
    expect(rereading.differs).toBe(differs);
    if (explanation) expect(rereading.explanation).toEqual([expect.stringMatching(explanation)]);
    else expect(rereading.explanation).toEqual([]);
  });
});
