import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { evaluate } from "@/lib/policy/engine/evaluate";
import { ANSWER_SPACE_SIZE, answerSpace } from "@/test/answer-space";
import { coveragePolicy0261 } from ".";

// SHA-256 of evaluate() over the whole answer space (one JSON line per case), taken when rules
// revision 3 was built: any change to a determination, a trace, a reason, a note or a citation
// of any case changes it. A change that is meant replaces it, with the reason in the commit;
// revision-3.test.ts shows which determinations revision 3 changed from revision 2, and why.
// Re-taken for issue 23: a question both services ask cites only its service's passages
// (citesFor); with every "cites" left out, the hash over the space is unchanged. Re-taken again
// for issue 23, item 6: a gate is named by its title first ("Not needed: the case was decided at
// Prior HSCT (gate 4)."); with that note worded back as before, the hash is the one before it
// (f61896f9…).
const RULES_REVISION_3 = "fa6d5bd791bab110bf915ac93689a5e30892d6fbf2577dea7c26365133e1cc42";

describe("Policy 0261 at rules revision 3", () => {
  it("evaluates every case of the answer space exactly as when revision 3 was built", () => {
    const policy = coveragePolicy0261.versions[0]!;
    const hash = createHash("sha256");
    let cases = 0;
    for (const answers of answerSpace()) {
      hash.update(JSON.stringify(evaluate(policy, answers)));
      hash.update("\n");
      cases++;
    }
    expect(cases).toBe(ANSWER_SPACE_SIZE);
    expect(hash.digest("hex")).toBe(RULES_REVISION_3);
  }, 600_000);
});
