import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { evaluate } from "@/lib/policy/engine/evaluate";
import { ANSWER_SPACE_SIZE, answerSpace } from "@/test/answer-space";
import { coveragePolicy0261 } from ".";

// SHA-256 of evaluate() over the whole answer space (one JSON line per case), taken from the
// engine that had this policy built in, before the policy became a package. The same hash now
// says the package reads every case exactly as that engine did, field for field.
const BEFORE_THE_PACKAGE = "538f2a49b4aae2125881ce4e41ddba5f6448dd6d4f60a0c9f7c442e2ca3214d8";

describe("Policy 0261 as a package", () => {
  it("evaluates every case of the answer space exactly as the built-in engine did", () => {
    const policy = coveragePolicy0261.versions[0]!;
    const hash = createHash("sha256");
    let cases = 0;
    for (const answers of answerSpace()) {
      hash.update(JSON.stringify(evaluate(policy, answers)));
      hash.update("\n");
      cases++;
    }
    expect(cases).toBe(ANSWER_SPACE_SIZE);
    expect(hash.digest("hex")).toBe(BEFORE_THE_PACKAGE);
  }, 120_000);
});
