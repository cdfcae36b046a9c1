import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { evaluate, type Evaluation } from "@/lib/policy/engine/evaluate";
import { answerSpace } from "@/test/answer-space";
import { coveragePolicy0261 } from ".";

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

describe("rules revision 3 changes exactly the readings it names", () => {
  it("reads every other case of the answer space as revision 2 did", () => {
    const policy = coveragePolicy0261.versions[0]!;
    expect(policy.rulesRevision).toBe(3);
    const hash = createHash("sha256");
    const changed = new Map<string, number>();
    for (const answers of answerSpace()) {
      const r3 = evaluate(policy, answers);
      const before = revision2Reading(r3);
      const [determination, by] = before ?? [
        r3.determination,
        String(r3.decidedBy.field ?? r3.decidedBy.step),
      ];
      if (before) {
        const key = `${before[0]} → ${r3.determination} (${before[1]})`;
        changed.set(key, (changed.get(key) ?? 0) + 1);
      }
      hash.update(`${JSON.stringify(answers)}\t${determination}\t${by}\n`);
    }
    expect(hash.digest("hex")).toBe(REVISION_2_READINGS);
    // The answer space holds each changed reading this many times (other answers varying).
    expect(Object.fromEntries(changed)).toEqual({
      "not-medically-necessary → incomplete (boostIndication)": 390,
      "medically-necessary → outside-policy (donorChimerismPercent)": 78,
    });
  }, 600_000);
});
