import { describe, expect, it } from "vitest";
import { coveragePolicy0261 } from "@/lib/policy/packages/coverage-policy-0261";
import { EVERYDAY_SEED, EVERYDAY_STRAYS, everydayAnswerSets } from "@/test/answer-space";
import { pathProblems } from "@/test/flowchart-paths";
import { REVISION_1_CASES } from "@/test/stored-requests";
import { FIXTURE_POLICY } from "@/test/fixture-policy";
import { evaluate } from "./evaluate";
import {
  chartsFor,
  flowchartDescription,
  flowchartLayout,
  litPath,
  wrap,
  type FlowchartLayout,
} from "./flowchart";
import { readStoredEvaluation } from "./stored-evaluation";

const policy = coveragePolicy0261.versions[0]!;
const charts = flowchartLayout(policy);
const chartOf = (service: string) => charts.find((c) => c.branch?.value === service)!;
const DLI = chartOf("dli");
const BOOST = chartOf("hpc-boost");

/** Each arrow of a chart as [gate, where it leads, its label]: what the drawing writes. */
const arrows = (chart: FlowchartLayout) =>
  chart.gates.flatMap((g) => [
    ...g.outcomes.map((o) => [g.title, o.label, o.arrow.label]),
    ...(g.next
      ? [[g.title, chart.gates.find((n) => n.index === g.next!.to)!.title, g.next.label]]
      : []),
  ]);

const NMN = "Not medically necessary — criteria not met";
const EIU = "Experimental, investigational or unproven";
const OUTSIDE = "Outside this policy — refer to a medical director";
const MN = "Medically necessary";

describe("the decision flowcharts: one per service, each with its own gates", () => {
  it.each([
    [
      "dli",
      "Decision flowchart of Medical Coverage Policy 0261: Donor lymphocyte infusion (DLI)",
      [
        "Gate 1 Service requested",
        "Gate 2 Hematologic malignancy",
        "Gate 3 DLI indication",
        "Gate 4 Prior HSCT",
        "Gate 5 Same cell source as the HSCT",
        "Gate 6 No conditioning regimen",
        "Gate 7 DLI coverage statement",
      ],
    ],
    [
      "hpc-boost",
      "Decision flowchart of Medical Coverage Policy 0261: Hematopoietic progenitor cell (HPC) boost",
      [
        "Gate 1 Service requested",
        "Gate 4 Prior HSCT",
        "Gate 5 Same cell source as the HSCT",
        "Gate 6 No conditioning regimen",
        "Gate 7 HPC boost indication",
        "Gate 8 Donor chimerism below 100%",
      ],
    ],
  ])("%s: the gates its cases pass, named by their titles", (service, title, gates) => {
    const chart = chartOf(service);
    expect(chart.title).toBe(title);
    expect(chart.gates.map((g) => `${g.key} ${g.title}`)).toEqual(gates);
    // No two boxes read the same, and every arrow down leads to the box drawn under it.
    const boxes = chart.gates.map((g) => [...g.lines, g.key].join(" "));
    expect(new Set(boxes).size).toBe(boxes.length);
    expect(new Set(chart.gates.map((g) => g.key)).size).toBe(chart.gates.length);
    chart.gates.forEach((g, i) => {
      if (g.next) expect(g.next.to).toBe(chart.gates[i + 1]!.index);
    });
    expect(chart.gates.at(-1)!.next).toBeUndefined();
  });

  it("draws the services in the order the service question offers them", () => {
    expect(charts.map((c) => c.branch?.value)).toEqual(["dli", "hpc-boost"]);
  });

  it.each([
    [
      "dli",
      [
        ["Service requested", "Hematologic malignancy", "“Donor lymphocyte infusion (DLI)”"],
        [
          "Hematologic malignancy",
          EIU,
          "“Solid tumor (not a hematologic malignancy)” or “Non-malignant condition”",
        ],
        ["Hematologic malignancy", "DLI indication", "A hematologic malignancy"],
        [
          "DLI indication",
          EIU,
          "“Other — not treatment or prevention of the hematologic malignancy”",
        ],
        [
          "DLI indication",
          "Prior HSCT",
          "A relapsed, persistent or refractory hematologic malignancy, or a high risk of its relapse",
        ],
        ["Prior HSCT", NMN, "“No prior HSCT” or “Autologous HSCT only”"],
        [
          "Prior HSCT",
          "Same cell source as the HSCT",
          "“Allogeneic HSCT (including after an earlier autologous HSCT)”",
        ],
        ["Same cell source as the HSCT", OUTSIDE, "“No” (not met)"],
        ["Same cell source as the HSCT", "No conditioning regimen", "“Yes” (met)"],
        ["No conditioning regimen", OUTSIDE, "“Yes” (not met)"],
        ["No conditioning regimen", "DLI coverage statement", "“No” (met)"],
        ["DLI coverage statement", MN, "Every gate above met"],
      ],
    ],
    [
      "hpc-boost",
      [
        ["Service requested", "Prior HSCT", "“Hematopoietic progenitor cell (HPC) boost”"],
        // At the prior-HSCT gate an HPC boost without one is outside the policy, never NMN.
        ["Prior HSCT", OUTSIDE, "“No prior HSCT”"],
        [
          "Prior HSCT",
          "Same cell source as the HSCT",
          "“Allogeneic HSCT (including after an earlier autologous HSCT)” or “Autologous HSCT only”",
        ],
        ["Same cell source as the HSCT", OUTSIDE, "“No” (not met)"],
        ["Same cell source as the HSCT", "No conditioning regimen", "“Yes” (met)"],
        ["No conditioning regimen", OUTSIDE, "“Yes” (not met)"],
        ["No conditioning regimen", "HPC boost indication", "“No” (met)"],
        ["HPC boost indication", MN, "“Promote engraftment (poor graft function)”"],
        ["HPC boost indication", NMN, "“Other”"],
        // Offered only after an allogeneic HSCT: the offer says when, the label need not.
        ["HPC boost indication", "Donor chimerism below 100%", "“Enhance chimerism”"],
        // First rule that holds: "below 95" after "below 5" is 5 to 95, and 95 to 100 joins it.
        ["Donor chimerism below 100%", OUTSIDE, "Below 5%"],
        ["Donor chimerism below 100%", MN, "5% to below 100%"],
        ["Donor chimerism below 100%", NMN, "100%"],
      ],
    ],
  ])("%s: each arrow says which answer takes it", (service, expected) => {
    expect(arrows(chartOf(service))).toEqual(expected);
  });

  it("fits 340 units wide, boxes and arrow labels never overlapping", () => {
    for (const chart of [...charts, ...flowchartLayout(FIXTURE_POLICY.versions[1]!)]) {
      expect(chart.width).toBe(340);
      // A label's box: ~5.65 units a character at its 10-unit font, 12 units a line.
      const labelBox = (a: { lines: string[]; labelX: number; labelY: number }) => ({
        x: a.labelX,
        y: a.labelY,
        width: Math.max(...a.lines.map((l) => l.length)) * 5.65,
        height: a.lines.length * 12,
      });
      const boxes = chart.gates.flatMap((g) => [
        g,
        ...g.outcomes.flatMap((o) => [o, labelBox(o.arrow)]),
        ...(g.next ? [labelBox(g.next)] : []),
      ]);
      for (const a of boxes) {
        expect(a.x + a.width).toBeLessThanOrEqual(340);
        for (const b of boxes)
          if (a !== b)
            expect(
              a.x + a.width <= b.x ||
                b.x + b.width <= a.x ||
                a.y + a.height <= b.y ||
                b.y + b.height <= a.y,
            ).toBe(true);
      }
    }
    expect(wrap("Outside this policy — refer to a medical director", 22)).toEqual([
      "Outside this policy —",
      "refer to a medical",
      "director",
    ]);
  });

  it(`every case the wizard can hold and ${EVERYDAY_STRAYS.toLocaleString("en")} stray sets (seed ${EVERYDAY_SEED}) light a path of their own service's chart, along drawn arrows only`, () => {
    // Every case of the answer space is npm test's full-proof step: flowchart.full.test.ts.
    const sets = everydayAnswerSets(policy);
    const { problems, cases, withService } = pathProblems(policy, sets);
    expect(problems).toEqual([]);
    expect(cases).toBe(sets.length);
    expect(withService).toBeGreaterThan(20_000);
    // Seconds alone; a minute and more beside other suites on this 2-core machine.
  }, 600_000);

  it("says the same in words: the chart's path and arrow labels, with the case's way lit", () => {
    const outcome = evaluate(policy, {
      service: "hpc-boost",
      priorTransplant: "allogeneic",
      sameDonor: false,
    });
    const [chart] = chartsFor(charts, outcome);
    expect(chart).toBe(BOOST);
    const { states, determination } = litPath(outcome, BOOST);
    expect(states).toEqual(["met", "met", "decided", "not-asked", "not-asked", "not-asked"]);
    expect(determination).toBe("outside-policy");
    const words = flowchartDescription(BOOST, outcome);
    for (const [, , label] of arrows(BOOST)) expect(words).toContain(`${label} leads`);
    expect(words).toContain(
      `Prior HSCT (gate 4): “No prior HSCT” leads to ${OUTSIDE}; “Allogeneic HSCT (including after an earlier autologous HSCT)” or “Autologous HSCT only” leads on to Same cell source as the HSCT. This case went on: “Allogeneic HSCT`,
    );
    expect(words).toContain(
      `Same cell source as the HSCT (gate 5): “No” (not met) leads to ${OUTSIDE}; “Yes” (met) leads on to No conditioning regimen. This case was decided here: ${OUTSIDE} (“No” (not met)).`,
    );
    // An HPC boost's words never pass through the DLI's gates.
    expect(words).not.toMatch(/Hematologic malignancy|DLI indication|DLI coverage statement/);
    expect(flowchartDescription(DLI)).toContain(
      "DLI coverage statement (gate 7): Every gate above met leads to Medically necessary.",
    );
  });

  it("before the service is answered, shows every service's chart, the service gate waiting", () => {
    const waiting = evaluate(policy, {});
    expect(chartsFor(charts, waiting)).toBe(charts);
    for (const chart of charts) expect(litPath(waiting, chart).states[0]).toBe("missing");
    expect(litPath(evaluate(policy, { service: "dli" }), DLI).states.slice(0, 2)).toEqual([
      "met",
      "missing",
    ]);
  });

  it("lights nothing for a reading stored under other rules", () => {
    const stored = readStoredEvaluation(
      JSON.stringify(REVISION_1_CASES["hpc-conditioning"].evaluation),
    );
    const [chart] = chartsFor(charts, stored);
    expect(litPath(stored, chart!).states.every((s) => s === undefined)).toBe(true);
  });

  it("draws any policy: the fixture's gates do not depend on its product, so one chart", () => {
    const fixture = flowchartLayout(FIXTURE_POLICY.versions[1]!);
    expect(fixture).toHaveLength(1);
    expect(fixture[0]!.title).toBe("Decision flowchart of Fixture Coverage Policy 9001");
    expect(fixture[0]!.branch).toBeUndefined();
    expect(arrows(fixture[0]!)).toEqual([
      ["Product", "Listed condition", "Any answer"],
      ["Listed condition", "Investigational (fixture)", "“An unlisted condition”"],
      ["Listed condition", "Dose below 300 mg", "“A listed condition”"],
      ["Dose below 300 mg", "Covered (fixture)", "Below 300mg"],
      ["Dose below 300 mg", "Not covered: dose at or over the limit (fixture)", "300mg or more"],
    ]);
  });
});
