import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate";
import type { Answers, Field } from "./fields";
import type { PassageId } from "./passages";

const DLI_READY: Answers = {
  service: "dli",
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
const BOOST_AUTO: Answers = {
  service: "hpc-boost",
  priorTransplant: "autologous",
  preparativeRegimen: false,
};

type Row = [
  name: string,
  answers: Answers,
  determination: string,
  decidedBy: Field,
  cites: PassageId[],
];

// Every gate and branch of rules-0261.md, "Gates, in the order they are asked".
const ROWS: Row[] = [
  ["1: nothing answered", {}, "incomplete", "service", ["overview.1"]],
  ["2: prior HSCT missing", { service: "dli" }, "incomplete", "priorTransplant", ["overview.1"]],
  [
    "2: DLI with no prior HSCT",
    { service: "dli", priorTransplant: "none" },
    "not-medically-necessary",
    "priorTransplant",
    ["overview.1"],
  ],
  [
    "2: HPC boost with no prior HSCT",
    { service: "hpc-boost", priorTransplant: "none" },
    "not-medically-necessary",
    "priorTransplant",
    ["overview.1"],
  ],
  [
    "2: DLI after an autologous HSCT",
    { service: "dli", priorTransplant: "autologous" },
    "not-medically-necessary",
    "priorTransplant",
    ["coverage-policy.dli", "overview.2"],
  ],
  [
    "3: same donor missing after allogeneic HSCT",
    { service: "dli", priorTransplant: "allogeneic" },
    "incomplete",
    "sameDonor",
    ["overview.1"],
  ],
  [
    "3: DLI from another donor",
    { service: "dli", priorTransplant: "allogeneic", sameDonor: false },
    "not-medically-necessary",
    "sameDonor",
    ["overview.1", "related-resources"],
  ],
  [
    "3: HPC boost from another donor",
    { service: "hpc-boost", priorTransplant: "allogeneic", sameDonor: false },
    "not-medically-necessary",
    "sameDonor",
    ["overview.1", "related-resources"],
  ],
  [
    "4: preparative regimen missing (DLI)",
    { service: "dli", priorTransplant: "allogeneic", sameDonor: true },
    "incomplete",
    "preparativeRegimen",
    ["background.dli.1", "background.hpc-boost.1"],
  ],
  [
    "4: preparative regimen missing after autologous HSCT (same donor not asked)",
    { service: "hpc-boost", priorTransplant: "autologous" },
    "incomplete",
    "preparativeRegimen",
    ["background.hpc-boost.1"],
  ],
  [
    "4: DLI with conditioning",
    { ...DLI_READY, preparativeRegimen: true },
    "not-medically-necessary",
    "preparativeRegimen",
    ["background.dli.1", "related-resources"],
  ],
  [
    "4: HPC boost with conditioning",
    { ...BOOST_AUTO, preparativeRegimen: true },
    "not-medically-necessary",
    "preparativeRegimen",
    ["background.hpc-boost.1", "related-resources"],
  ],
  ["5: diagnosis missing", DLI_READY, "incomplete", "diagnosis", ["coverage-policy.dli"]],
  [
    "5: non-malignant condition",
    { ...DLI_READY, diagnosis: "non-malignant", dliIndication: "relapsed" },
    "experimental-investigational-unproven",
    "diagnosis",
    ["coverage-policy.experimental"],
  ],
  [
    "5: DLI indication missing",
    { ...DLI_READY, diagnosis: "aml" },
    "incomplete",
    "dliIndication",
    ["coverage-policy.dli", "overview.2"],
  ],
  [
    "5: DLI for another indication",
    { ...DLI_READY, diagnosis: "cml", dliIndication: "other" },
    "experimental-investigational-unproven",
    "dliIndication",
    ["coverage-policy.experimental", "background.dli.1"],
  ],
  [
    "6: boost indication missing",
    BOOST_AUTO,
    "incomplete",
    "boostIndication",
    ["coverage-policy.hpc-boost"],
  ],
  [
    "6: boost to promote engraftment after autologous HSCT",
    { ...BOOST_AUTO, boostIndication: "promote-engraftment" },
    "medically-necessary",
    "boostIndication",
    ["coverage-policy.hpc-boost", "background.hpc-boost.1"],
  ],
  [
    "6: boost to promote engraftment after allogeneic HSCT",
    { ...BOOST_ALLO, boostIndication: "promote-engraftment" },
    "medically-necessary",
    "boostIndication",
    ["coverage-policy.hpc-boost", "background.hpc-boost.1"],
  ],
  [
    "6: boost to enhance chimerism after autologous HSCT",
    { ...BOOST_AUTO, boostIndication: "enhance-chimerism", donorChimerismPercent: 50 },
    "not-medically-necessary",
    "boostIndication",
    ["coverage-policy.hpc-boost"],
  ],
  [
    "6: chimerism missing",
    { ...BOOST_ALLO, boostIndication: "enhance-chimerism" },
    "incomplete",
    "donorChimerismPercent",
    ["coverage-policy.hpc-boost"],
  ],
  ...[0, 50, 99.9].map((percent): Row => [
    `6: ${percent}% donor cells`,
    { ...BOOST_ALLO, boostIndication: "enhance-chimerism", donorChimerismPercent: percent },
    "medically-necessary",
    "donorChimerismPercent",
    ["coverage-policy.hpc-boost"],
  ]),
  [
    "6: 100% donor cells",
    { ...BOOST_ALLO, boostIndication: "enhance-chimerism", donorChimerismPercent: 100 },
    "not-medically-necessary",
    "donorChimerismPercent",
    ["coverage-policy.hpc-boost"],
  ],
  [
    "6: boost for another indication",
    { ...BOOST_ALLO, boostIndication: "other" },
    "not-medically-necessary",
    "boostIndication",
    ["coverage-policy.hpc-boost"],
  ],
];

describe("evaluate: every gate of the contract", () => {
  it.each(ROWS)("%s", (_name, answers, determination, decidedBy, cites) => {
    const result = evaluate(answers);
    expect(result.determination).toBe(determination);
    expect(result.decidedBy.field).toBe(decidedBy);
    expect(result.decidedBy.cites).toEqual(expect.arrayContaining(cites));
    expect(result.nextQuestion).toBe(determination === "incomplete" ? decidedBy : null);
    const entry = result.trace.find((t) => t.field === decidedBy)!;
    expect(entry.state).toBe(
      determination === "incomplete"
        ? "missing"
        : determination === "medically-necessary"
          ? "met"
          : "not-met",
    );
  });

  const malignancies = [
    "aml",
    "all",
    "cml",
    "mds",
    "multiple-myeloma",
    "nhl",
    "hodgkin",
    "cmml",
    "myelofibrosis",
    "other-hematologic-malignancy",
  ] as const;
  const indications = ["relapsed", "persistent", "refractory", "high-risk-of-relapse"] as const;
  it.each(malignancies.flatMap((d) => indications.map((i) => [d, i] as const)))(
    "5: DLI for %s, %s → medically necessary",
    (diagnosis, dliIndication) => {
      const result = evaluate({ ...DLI_READY, diagnosis, dliIndication });
      expect(result.determination).toBe("medically-necessary");
      expect(result.label).toBe("Medically necessary");
      expect(result.decidedBy.field).toBe("dliIndication");
      expect(result.decidedBy.cites).toContain("coverage-policy.dli");
      expect(result.ignored).toEqual([]);
    },
  );
});

describe("evaluate: answers that are not asked are ignored", () => {
  it("ignores the donor question after an autologous HSCT", () => {
    const result = evaluate({
      ...BOOST_AUTO,
      sameDonor: false,
      boostIndication: "promote-engraftment",
    });
    expect(result.determination).toBe("medically-necessary");
    expect(result.ignored).toEqual([
      expect.objectContaining({ field: "sameDonor", answer: false, why: "not-asked" }),
    ]);
    expect(result.trace.find((t) => t.field === "sameDonor")?.state).toBe("not-asked");
  });

  it("ignores DLI questions for an HPC boost and chimerism for another boost indication", () => {
    const result = evaluate({
      ...BOOST_ALLO,
      diagnosis: "non-malignant",
      dliIndication: "other",
      boostIndication: "promote-engraftment",
      donorChimerismPercent: 100,
    });
    expect(result.determination).toBe("medically-necessary");
    expect(result.ignored.map((i) => i.field)).toEqual([
      "diagnosis",
      "dliIndication",
      "donorChimerismPercent",
    ]);
  });

  it("ignores answers after the deciding gate, and says which gate decided", () => {
    const result = evaluate({ service: "dli", priorTransplant: "none", preparativeRegimen: true });
    expect(result.determination).toBe("not-medically-necessary");
    expect(result.ignored).toEqual([
      expect.objectContaining({ field: "preparativeRegimen", why: "not-asked" }),
    ]);
    const afterDecision = evaluate({
      ...DLI_READY,
      diagnosis: "non-malignant",
      dliIndication: "relapsed",
    });
    expect(afterDecision.ignored).toEqual([
      expect.objectContaining({ field: "dliIndication", why: "decided" }),
    ]);
    expect(afterDecision.ignored[0]?.reason).toContain("decided at gate 5");
  });

  it("keeps later answers waiting, not ignored, while an earlier one is missing", () => {
    const result = evaluate({ service: "dli", priorTransplant: "allogeneic", diagnosis: "aml" });
    expect(result.nextQuestion).toBe("sameDonor");
    expect(result.ignored).toEqual([]);
    expect(result.asked).toEqual(["service", "priorTransplant", "sameDonor"]);
  });

  it("reports the policy it was evaluated under", () => {
    expect(evaluate({}).policy).toEqual({
      id: "coverage-policy-0261",
      number: "0261",
      version: "2021-07-15",
    });
  });
});
