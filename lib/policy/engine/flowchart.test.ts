import { describe, expect, it } from "vitest";
import { coveragePolicy0261 } from "@/lib/policy/packages/coverage-policy-0261";
import { REVISION_1_CASES } from "@/test/stored-requests";
import { FIXTURE_POLICY } from "@/test/fixture-policy";
import { evaluate } from "./evaluate";
import { flowchartDescription, flowchartLayout, litPath, wrap } from "./flowchart";
import { readStoredEvaluation } from "./stored-evaluation";

const policy = coveragePolicy0261.versions[0]!;
const layout = flowchartLayout(policy);

describe("the decision flowchart, drawn from the gates", () => {
  it("has every gate in order, with the determinations each can reach", () => {
    expect(layout.gates.map((g) => [g.step, g.title])).toEqual(
      policy.gates.map((g) => [g.step, g.title]),
    );
    const outcomes = Object.fromEntries(
      layout.gates.map((g) => [`${g.step} ${g.title}`, g.outcomes.map((o) => o.determination)]),
    );
    expect(outcomes).toEqual({
      "1 Service requested": [],
      "2 Hematologic malignancy": ["experimental-investigational-unproven"],
      "3 DLI indication": ["experimental-investigational-unproven"],
      "4 Prior HSCT": ["not-medically-necessary", "outside-policy"],
      "5 Same cell source as the HSCT": ["outside-policy"],
      "6 No conditioning regimen": ["outside-policy"],
      "7 DLI coverage statement": ["medically-necessary"],
      "7 HPC boost indication": ["medically-necessary", "not-medically-necessary"],
      "8 Donor chimerism below 100%": [
        "outside-policy",
        "medically-necessary",
        "not-medically-necessary",
      ],
    });
    // Only the DLI conclusion and the last gate never let a case go on.
    expect(layout.gates.filter((g) => !g.continues).map((g) => g.title)).toEqual([
      "DLI coverage statement",
      "Donor chimerism below 100%",
    ]);
  });

  it("fits 340 units wide, boxes never overlapping", () => {
    expect(layout.width).toBe(340);
    for (const gate of layout.gates) {
      expect(gate.x + gate.width).toBeLessThanOrEqual(340);
      for (const o of gate.outcomes) expect(o.x + o.width).toBeLessThanOrEqual(340);
    }
    const boxes = layout.gates.flatMap((g) => [g, ...g.outcomes]);
    for (const a of boxes)
      for (const b of boxes)
        if (a !== b)
          expect(
            a.x + a.width <= b.x ||
              b.x + b.width <= a.x ||
              a.y + a.height <= b.y ||
              b.y + b.height <= a.y,
          ).toBe(true);
    expect(wrap("Outside this policy — refer to a medical director", 22)).toEqual([
      "Outside this policy —",
      "refer to a medical",
      "director",
    ]);
  });

  it("lights a case's path: gates passed, the deciding gate and the determination reached", () => {
    const outcome = evaluate(policy, {
      service: "hpc-boost",
      priorTransplant: "allogeneic",
      sameDonor: false,
    });
    const { states, determination } = litPath(outcome, layout);
    expect(states).toEqual([
      "met",
      "not-asked",
      "not-asked",
      "met",
      "decided",
      "not-asked",
      "not-asked",
      "not-asked",
      "not-asked",
    ]);
    expect(determination).toBe("outside-policy");
    expect(flowchartDescription(policy, layout, outcome)).toContain(
      "Gate 5, Same cell source as the HSCT, can lead to: Outside this policy — refer to a medical director. This case was decided here: Outside this policy — refer to a medical director.",
    );
    const waiting = litPath(evaluate(policy, { service: "dli" }), layout).states;
    expect(waiting.slice(0, 2)).toEqual(["met", "missing"]);
  });

  it("lights nothing for a reading stored under other rules", () => {
    const stored = readStoredEvaluation(
      JSON.stringify(REVISION_1_CASES["hpc-conditioning"].evaluation),
    );
    expect(litPath(stored, layout).states.every((s) => s === undefined)).toBe(true);
  });

  it("draws any policy: the fixture's gates", () => {
    const fixture = flowchartLayout(FIXTURE_POLICY.versions[1]!);
    expect(fixture.gates.map((g) => g.outcomes.map((o) => o.tone))).toEqual([
      [],
      ["experimental"],
      ["approve", "deny"],
    ]);
    expect(fixture.title).toBe("Decision flowchart of Fixture Coverage Policy 9001");
  });
});
