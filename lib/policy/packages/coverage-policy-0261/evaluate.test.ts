import { describe, expect, it } from "vitest";
import { determinationLabel, evaluate as evaluateUnder } from "@/lib/policy/engine/evaluate";
import { coveragePolicy0261 } from ".";
import { HEMATOLOGIC_MALIGNANCIES, type Answers } from "./fields";
import type { PassageId } from "./passages.generated";

const policy = coveragePolicy0261.versions[0]!;
const evaluate = (answers: Answers) => evaluateUnder(policy, answers);
type GateStep = number;

/** DLI for relapsed CML: what it treats, then the transplant history (revision 2 order). */
const DLI_USE: Answers = { service: "dli", diagnosis: "cml", dliIndication: "relapsed" };
const DLI_READY: Answers = {
  ...DLI_USE,
  priorTransplant: "allogeneic",
  sameDonor: true,
  preparativeRegimen: false,
};
const BOOST_ALLO: Answers = {
  service: "hpc-boost",
  priorTransplant: "allogeneic",
  sameDonor: true,
  preparativeRegimen: false,
};
const BOOST_AUTO: Answers = { ...BOOST_ALLO, priorTransplant: "autologous" };

const OUTSIDE = "outside-policy";
const NMN = "not-medically-necessary";
const EIU = "experimental-investigational-unproven";
const MN = "medically-necessary";

type Row = [
  name: string,
  answers: Answers,
  determination: string,
  gate: [step: GateStep, title: string],
  cites: PassageId[],
];

const G = {
  service: [1, "Service requested"],
  diagnosis: [2, "Hematologic malignancy"],
  dliIndication: [3, "DLI indication"],
  prior: [4, "Prior HSCT"],
  source: [5, "Same cell source as the HSCT"],
  regimen: [6, "No conditioning regimen"],
  dli: [7, "DLI coverage statement"],
  boost: [7, "HPC boost indication"],
  chimerism: [8, "Donor chimerism below 100%"],
} as const satisfies Record<string, [GateStep, string]>;

// Every gate and branch of rules-0261.md revision 3, "Gates, in the order they are asked", with
// the deciding gate and the exact passages its rule cites.
const ROWS: Row[] = [
  ["1: nothing answered", {}, "incomplete", [...G.service], ["overview.1", "coding.cpt"]],
  [
    "2 (r2): DLI asks the condition second",
    { service: "dli" },
    "incomplete",
    [...G.diagnosis],
    ["coverage-policy.dli", "coverage-policy.experimental", "background.dli.2"],
  ],
  [
    "2: DLI for a non-malignant condition",
    { service: "dli", diagnosis: "non-malignant" },
    EIU,
    [...G.diagnosis],
    ["coverage-policy.experimental", "coverage-policy.dli"],
  ],
  [
    "2 (r2): DLI for a solid tumor",
    { service: "dli", diagnosis: "solid-tumor" },
    EIU,
    [...G.diagnosis],
    ["coverage-policy.experimental", "coverage-policy.dli"],
  ],
  [
    "2 (r2): a non-malignant DLI from another donor stays experimental",
    {
      service: "dli",
      diagnosis: "non-malignant",
      priorTransplant: "allogeneic",
      sameDonor: false,
      preparativeRegimen: true,
    },
    EIU,
    [...G.diagnosis],
    ["coverage-policy.experimental", "coverage-policy.dli"],
  ],
  [
    "2 (r2): a solid-tumor DLI with no prior HSCT stays experimental",
    { service: "dli", diagnosis: "solid-tumor", priorTransplant: "none" },
    EIU,
    [...G.diagnosis],
    ["coverage-policy.experimental", "coverage-policy.dli"],
  ],
  [
    "3 (r2): DLI asks the indication third",
    { service: "dli", diagnosis: "aml" },
    "incomplete",
    [...G.dliIndication],
    ["coverage-policy.dli", "overview.2"],
  ],
  [
    "3: DLI for another indication",
    { service: "dli", diagnosis: "cml", dliIndication: "other" },
    EIU,
    [...G.dliIndication],
    ["coverage-policy.experimental", "background.dli.1"],
  ],
  [
    "3 (r2): another indication stays experimental after an autologous HSCT from another donor",
    {
      service: "dli",
      diagnosis: "aml",
      dliIndication: "other",
      priorTransplant: "autologous",
      sameDonor: false,
    },
    EIU,
    [...G.dliIndication],
    ["coverage-policy.experimental", "background.dli.1"],
  ],
  [
    "4: prior HSCT missing (DLI)",
    DLI_USE,
    "incomplete",
    [...G.prior],
    // The DLI's coverage statement only: the boost's belongs to the other service.
    ["coverage-policy.dli", "overview.1"],
  ],
  [
    "4: prior HSCT missing (HPC boost)",
    { service: "hpc-boost" },
    "incomplete",
    [...G.prior],
    ["coverage-policy.hpc-boost", "overview.1"],
  ],
  [
    "4: DLI with no prior HSCT",
    { ...DLI_USE, priorTransplant: "none" },
    NMN,
    [...G.prior],
    ["coverage-policy.dli", "overview.2"],
  ],
  [
    "4: DLI after an autologous HSCT only",
    { ...DLI_USE, priorTransplant: "autologous" },
    NMN,
    [...G.prior],
    ["coverage-policy.dli", "overview.2"],
  ],
  [
    "4 (r2): HPC boost with no prior HSCT is outside the policy",
    { service: "hpc-boost", priorTransplant: "none" },
    OUTSIDE,
    [...G.prior],
    ["coverage-policy.hpc-boost", "overview.1", "related-resources"],
  ],
  [
    "5 (r2): cell source asked after an allogeneic HSCT",
    { ...DLI_USE, priorTransplant: "allogeneic" },
    "incomplete",
    [...G.source],
    ["overview.1"],
  ],
  [
    "5 (r2): cell source asked after an autologous HSCT too",
    { service: "hpc-boost", priorTransplant: "autologous" },
    "incomplete",
    [...G.source],
    ["overview.1"],
  ],
  [
    "5 (r3): DLI from another donor is outside the policy, with the DLI's own reason",
    { ...DLI_USE, priorTransplant: "allogeneic", sameDonor: false },
    OUTSIDE,
    [...G.source],
    ["overview.1", "background.dli.1"],
  ],
  [
    "5 (r2): HPC boost from another source after an autologous HSCT is outside the policy",
    { service: "hpc-boost", priorTransplant: "autologous", sameDonor: false },
    OUTSIDE,
    [...G.source],
    ["overview.1", "related-resources"],
  ],
  [
    "6 (r3): conditioning regimen missing, cited by the DLI's help",
    { ...DLI_USE, priorTransplant: "allogeneic", sameDonor: true },
    "incomplete",
    [...G.regimen],
    ["background.dli.1", "literature.cml.2"],
  ],
  [
    "6 (r3): conditioning regimen missing, cited by the HPC boost's help",
    { ...BOOST_ALLO, preparativeRegimen: undefined },
    "incomplete",
    [...G.regimen],
    ["background.hpc-boost.1"],
  ],
  [
    "6 (r3): DLI with conditioning is outside the policy, with the DLI's own reason",
    { ...DLI_READY, preparativeRegimen: true },
    OUTSIDE,
    [...G.regimen],
    ["background.dli.1"],
  ],
  [
    "6 (r2): HPC boost with conditioning is outside the policy",
    { ...BOOST_AUTO, preparativeRegimen: true },
    OUTSIDE,
    [...G.regimen],
    ["background.hpc-boost.1", "related-resources"],
  ],
  ["7: DLI that reached here", DLI_READY, MN, [...G.dli], ["coverage-policy.dli"]],
  [
    "7: boost indication missing",
    BOOST_AUTO,
    "incomplete",
    [...G.boost],
    ["coverage-policy.hpc-boost"],
  ],
  [
    "7: boost to promote engraftment after autologous HSCT",
    { ...BOOST_AUTO, boostIndication: "promote-engraftment" },
    MN,
    [...G.boost],
    ["coverage-policy.hpc-boost", "background.hpc-boost.1"],
  ],
  [
    "7: boost to promote engraftment after allogeneic HSCT",
    { ...BOOST_ALLO, boostIndication: "promote-engraftment" },
    MN,
    [...G.boost],
    ["coverage-policy.hpc-boost", "background.hpc-boost.1"],
  ],
  [
    "7 (r3): enhance chimerism after an autologous HSCT is not offered, so the question is asked again",
    { ...BOOST_AUTO, boostIndication: "enhance-chimerism", donorChimerismPercent: 50 },
    "incomplete",
    [...G.boost],
    ["coverage-policy.hpc-boost"],
  ],
  [
    "7: boost for another indication",
    { ...BOOST_ALLO, boostIndication: "other" },
    NMN,
    [...G.boost],
    ["coverage-policy.hpc-boost"],
  ],
  [
    "8: chimerism missing after allogeneic HSCT",
    { ...BOOST_ALLO, boostIndication: "enhance-chimerism" },
    "incomplete",
    [...G.chimerism],
    ["coverage-policy.hpc-boost"],
  ],
  // r3, gate 8, every boundary: below 5 outside the policy, 5 to below 100 medically necessary,
  // 100 not medically necessary.
  ...[0, 4.9].map((percent): Row => [
    `8 (r3): ${percent}% donor cells in the lowest lineage is graft loss, outside the policy`,
    { ...BOOST_ALLO, boostIndication: "enhance-chimerism", donorChimerismPercent: percent },
    OUTSIDE,
    [...G.chimerism],
    ["coverage-policy.hpc-boost", "background.hpc-boost.1", "related-resources"],
  ]),
  ...[5, 50, 94.9, 95, 99.9].map((percent): Row => [
    `8: ${percent}% donor cells in the lowest lineage`,
    { ...BOOST_ALLO, boostIndication: "enhance-chimerism", donorChimerismPercent: percent },
    MN,
    [...G.chimerism],
    ["coverage-policy.hpc-boost"],
  ]),
  [
    "8: 100% donor cells",
    { ...BOOST_ALLO, boostIndication: "enhance-chimerism", donorChimerismPercent: 100 },
    NMN,
    [...G.chimerism],
    ["coverage-policy.hpc-boost"],
  ],
];

describe("evaluate: every gate of the contract (revision 3)", () => {
  it.each(ROWS)("%s", (_name, answers, determination, [step, title], cites) => {
    const result = evaluate(answers);
    expect(result.determination).toBe(determination);
    expect(result.label).toBe(determinationLabel(policy, result.determination));
    expect([result.decidedBy.step, result.decidedBy.title]).toEqual([step, title]);
    expect(result.decidedBy.cites).toEqual(cites);
    if (determination === "incomplete") expect(result.nextQuestion).toBe(result.decidedBy.field);
    else expect(result.nextQuestion).toBeNull();
    const entry = result.trace.find((t) => t.step === step && t.title === title)!;
    expect(entry.state).toBe(
      determination === "incomplete" ? "missing" : determination === MN ? "met" : "not-met",
    );
  });

  const indications = ["relapsed", "persistent", "refractory", "high-risk-of-relapse"] as const;
  it.each(HEMATOLOGIC_MALIGNANCIES.flatMap((d) => indications.map((i) => [d, i] as const)))(
    "7: DLI for %s, %s after an allogeneic HSCT → medically necessary",
    (diagnosis, dliIndication) => {
      const result = evaluate({ ...DLI_READY, diagnosis, dliIndication });
      expect(result.determination).toBe(MN);
      expect(result.decidedBy).toMatchObject({ step: 7, title: "DLI coverage statement" });
      expect(result.decidedBy.cites).toEqual(["coverage-policy.dli"]);
      expect(result.asked).toEqual([
        "service",
        "diagnosis",
        "dliIndication",
        "priorTransplant",
        "sameDonor",
        "preparativeRegimen",
      ]);
      expect(result.ignored).toEqual([]);
    },
  );

  it.each([
    [0, undefined],
    [4.9, undefined],
    [5, undefined],
    [94.9, undefined],
    [95, "95–99.9% is close to the precision of most chimerism assays"],
    [99.9, "95–99.9% is close to the precision of most chimerism assays"],
    [100, undefined],
  ] as const)("8 (r3): at %s%% the trace's note is %s", (percent, note) => {
    const result = evaluate({
      ...BOOST_ALLO,
      boostIndication: "enhance-chimerism",
      donorChimerismPercent: percent,
    });
    if (percent < 5) {
      // The trace shows the policy's letter, so that a medical director may approve.
      expect(result.decidedBy.reason).toContain("graft rejection or loss");
      expect(result.decidedBy.note).toContain("“when studies reveal <100% donor cells”");
    } else if (note) expect(result.decidedBy.note).toContain(note);
    else expect(result.decidedBy.note).toBeUndefined();
    expect(result.trace.at(-1)).toMatchObject({ step: 8, note: result.decidedBy.note });
  });

  it("8 (r3): 100% donor cells names poor graft function as the likelier answer", () => {
    const result = evaluate({
      ...BOOST_ALLO,
      boostIndication: "enhance-chimerism",
      donorChimerismPercent: 100,
    });
    expect(result.decidedBy.reason).toContain(
      "If the patient has cytopenias or transfusion dependence, this is poor graft function: answer Promote engraftment.",
    );
  });

  it("7 (r3): an HPC boost for another indication names Promote engraftment", () => {
    const result = evaluate({ ...BOOST_AUTO, boostIndication: "other" });
    expect(result.determination).toBe(NMN);
    expect(result.decidedBy.reason).toMatch(
      /For cytopenias or transfusion dependence choose Promote engraftment\.$/,
    );
  });

  it("7 (r3): enhance chimerism after an autologous HSCT counts as not given, and says why", () => {
    const result = evaluate({ ...BOOST_AUTO, boostIndication: "enhance-chimerism" });
    expect(result.determination).toBe("incomplete");
    expect(result.nextQuestion).toBe("boostIndication");
    const reason =
      "Enhancement of chimerism needs donor cells; after an autologous HSCT there are none. For poor graft function or delayed engraftment choose Promote engraftment.";
    expect(result.decidedBy.reason).toBe(reason);
    expect(result.trace.find((t) => t.field === "boostIndication")).toMatchObject({
      state: "missing",
      answer: undefined,
      reason,
    });
    expect(result.ignored).toEqual([
      { field: "boostIndication", answer: "enhance-chimerism", why: "not-offered", reason },
    ]);
  });

  it("4 (r3): DLI after an autologous HSCT says how to answer a tandem transplant", () => {
    expect(evaluate({ ...DLI_USE, priorTransplant: "autologous" }).decidedBy.reason).toContain(
      "If an allogeneic HSCT followed the autologous one, answer Allogeneic.",
    );
    expect(evaluate({ ...DLI_USE, priorTransplant: "none" }).decidedBy.reason).not.toContain(
      "autologous one",
    );
  });

  it("5 (r3): asks a DLI about the donor's lymphocytes, an HPC boost about the cell source", () => {
    const dli = evaluate({ ...DLI_USE, priorTransplant: "allogeneic" });
    expect(dli.trace.find((t) => t.field === "sameDonor")?.question).toBe(
      "Are the lymphocytes collected from the donor of the patient's most recent allogeneic HSCT?",
    );
    const boost = evaluate({ service: "hpc-boost", priorTransplant: "autologous" });
    expect(boost.trace.find((t) => t.field === "sameDonor")?.question).toContain(
      "the patient's own stored cells after an autologous HSCT",
    );
  });

  it("3 (r2): another DLI indication shows the infection sentence as background not adopted", () => {
    const result = evaluate({ service: "dli", diagnosis: "aml", dliIndication: "other" });
    expect(result.decidedBy.note).toContain("“can treat infections”");
    expect(result.decidedBy.note).toContain("not the infection part");
  });

  it("(r3) an HPC boost outside the policy is a transplant; a DLI is referred to a medical director", () => {
    for (const answers of [
      { service: "hpc-boost", priorTransplant: "none" },
      { ...BOOST_ALLO, sameDonor: false },
      { ...BOOST_AUTO, preparativeRegimen: true },
    ] satisfies Answers[]) {
      const { decidedBy, label } = evaluate(answers);
      expect(label).toBe("Outside this policy — refer to a medical director");
      expect(decidedBy.reason).toMatch(/CPT 38240( allogeneic )?\/( )?38241/);
      expect(decidedBy.reason).toContain("reviewed under the applicable transplant policy");
    }
    for (const answers of [
      { ...DLI_USE, priorTransplant: "allogeneic", sameDonor: false },
      { ...DLI_READY, preparativeRegimen: true },
    ] satisfies Answers[]) {
      const { decidedBy } = evaluate(answers);
      expect(decidedBy.reason).not.toContain("transplant (CPT");
      expect(decidedBy.reason).toMatch(
        /not the DLI this policy describes .*refer to a medical director\.$/,
      );
    }
  });
});

describe("evaluate: answers that are not asked are ignored", () => {
  it("ignores DLI questions for an HPC boost and chimerism for another boost indication", () => {
    const result = evaluate({
      ...BOOST_ALLO,
      diagnosis: "non-malignant",
      dliIndication: "other",
      boostIndication: "promote-engraftment",
      donorChimerismPercent: 100,
    });
    expect(result.determination).toBe(MN);
    expect(result.ignored.map((i) => [i.field, i.why])).toEqual([
      ["diagnosis", "not-asked"],
      ["dliIndication", "not-asked"],
      ["donorChimerismPercent", "not-asked"],
    ]);
  });

  it("(r2) never asks chimerism after an autologous HSCT", () => {
    const result = evaluate({
      ...BOOST_AUTO,
      boostIndication: "enhance-chimerism",
      donorChimerismPercent: 40,
    });
    expect(result.determination).toBe("incomplete");
    expect(result.ignored).toEqual([
      expect.objectContaining({ field: "boostIndication", why: "not-offered" }),
      expect.objectContaining({ field: "donorChimerismPercent", why: "not-asked" }),
    ]);
  });

  it("ignores answers after the deciding gate, and says which gate decided", () => {
    const result = evaluate({
      service: "dli",
      diagnosis: "non-malignant",
      dliIndication: "relapsed",
      priorTransplant: "allogeneic",
    });
    expect(result.determination).toBe(EIU);
    expect(result.ignored).toEqual([
      expect.objectContaining({ field: "dliIndication", why: "not-asked" }),
      expect.objectContaining({ field: "priorTransplant", why: "decided" }),
    ]);
    expect(result.ignored[1]?.reason).toBe(
      "Not needed: the case was decided at Hematologic malignancy (gate 2).",
    );
  });

  it("keeps later answers waiting, not ignored, while an earlier one is missing", () => {
    const result = evaluate({ service: "dli", diagnosis: "aml", priorTransplant: "allogeneic" });
    expect(result.nextQuestion).toBe("dliIndication");
    expect(result.ignored).toEqual([]);
    expect(result.asked).toEqual(["service", "diagnosis", "dliIndication"]);
  });

  it("says why a question is not asked, in the contract's words", () => {
    const result = evaluate({ service: "hpc-boost" });
    expect(result.trace.find((t) => t.field === "dliIndication")?.reason).toBe(
      "Not asked for this case: asked only when the service is Donor lymphocyte infusion (DLI) and the diagnosis is a hematologic malignancy.",
    );
    expect(result.trace.find((t) => t.title === "DLI coverage statement")?.reason).toBe(
      "Does not apply to this case: applies only when the service is Donor lymphocyte infusion (DLI).",
    );
  });

  it("reports the policy and the rules revision it was evaluated under", () => {
    expect(evaluate({}).policy).toEqual({
      id: "coverage-policy-0261",
      number: "0261",
      version: "2021-07-15",
      rulesRevision: 3,
    });
  });
});
