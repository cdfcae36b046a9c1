import { describe, expect, it } from "vitest";
import type { Policy } from "@/lib/policy/engine/types";
import { coveragePolicy0261 } from "@/lib/policy/packages/coverage-policy-0261";
import { ANSWER_SPACE_SIZE, answerSpace } from "@/test/answer-space";
import { differencesFromWizard } from "@/test/form-filler";

// npm test's full-proof step (vitest.full.config.ts): enable-logic.test.ts, over the whole answer
// space instead of the sets the wizard can hold and a seeded sample.

const policy: Policy = coveragePolicy0261.versions[0]!;

describe("the Questionnaire's enable logic asks what the wizard asks", () => {
  it("enables exactly evaluate().asked, worded, offered and helped as the wizard, for every case", () => {
    const { mismatches, cases, prefixes } = differencesFromWizard(policy, answerSpace());
    expect(mismatches).toEqual([]);
    expect(cases).toBe(ANSWER_SPACE_SIZE);
    expect(prefixes).toBe(ANSWER_SPACE_SIZE / 5);
    // About a minute alone; five and more beside other suites on this 2-core machine (load 8-10).
  }, 900_000);
});
