import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerForCpt, CPT_SYSTEM, type EhrCode } from "@/lib/policy/engine/ehr-codes";
import { evaluate } from "@/lib/policy/engine/evaluate";
import { coveragePolicy0261 } from ".";
import { readEhr0261 as read } from "./ehr-prefill";
import { DIAGNOSES, type Diagnosis } from "./fields";
import { ICD_10_CM, MALIGNANCY_CODES } from "./icd10";
import { ICD_10_PCS } from "./transplant-codes";

const policy = coveragePolicy0261.versions[0]!;
const condition = (
  code: string,
  status: EhrCode["status"] = "current",
  system = ICD_10_CM,
): EhrCode => ({ resource: "Condition", system, code, status, date: "2025-01-02" });
const procedure = (code: string, system = CPT_SYSTEM): EhrCode => ({
  resource: "Procedure",
  system,
  code,
  status: "current",
});
const hintsFor = (field: string, ...codes: EhrCode[]) =>
  read(codes)
    .hints.filter((h) => h.field === field)
    .map((h) => h.text);

// rules-0261.md r3, "Answers prefilled from EHR data", family by family.
describe("prior HSCT from EHR codes", () => {
  it.each([
    [procedure("38240"), "HPC; allogeneic transplantation per donor"],
    [
      procedure("30233G2", ICD_10_PCS),
      "Transfusion of Allogeneic Related Bone Marrow into Peripheral Vein, Percutaneous Approach",
    ],
    [
      procedure("30243Y3", ICD_10_PCS),
      "Transfusion of Allogeneic Unrelated Hematopoietic Stem/Progenitor Cells into Central Vein, Percutaneous Approach",
    ],
    [
      procedure("30233X4", ICD_10_PCS),
      "Transfusion of Allogeneic Unspecified Cord Blood Stem Cells into Peripheral Vein, Percutaneous Approach",
    ],
    [
      procedure("30233U2", ICD_10_PCS),
      "Transfusion of Allogeneic Related T-cell Depleted Hematopoietic Stem Cells into Peripheral Vein, Percutaneous Approach",
    ],
    [
      procedure("30230Y1", ICD_10_PCS),
      "Transfusion of Nonautologous Hematopoietic Stem/Progenitor Cells into Peripheral Vein, Open Approach",
    ],
    [
      procedure("XW133C8", ICD_10_PCS),
      "Transfusion of Omidubicel into Peripheral Vein, Percutaneous Approach, New Technology Group 8",
    ],
    [
      procedure("XW143C8", ICD_10_PCS),
      "Transfusion of Omidubicel into Central Vein, Percutaneous Approach, New Technology Group 8",
    ],
  ])("%j prefills Allogeneic, with its code, title and date", (code, title) => {
    const result = read([{ ...code, date: "2023-05-06T09:00:00Z", display: "allo SCT" }]);
    expect(result.answers).toEqual({ priorTransplant: "allogeneic" });
    expect(result.evidence.priorTransplant).toEqual([
      { system: code.system, code: code.code, title, display: "allo SCT", date: "2023-05-06" },
    ]);
    expect(result.hints).toEqual([]);
  });

  it("takes an allogeneic HSCT anywhere in the history over an earlier autologous one (tandem)", () => {
    const result = read([procedure("38241"), procedure("30233Y0", ICD_10_PCS), procedure("38240")]);
    expect(result.answers).toEqual({ priorTransplant: "allogeneic" });
    expect(result.hints).toEqual([]);
  });

  it.each([procedure("38241"), procedure("30233G0", ICD_10_PCS), procedure("30243X0", ICD_10_PCS)])(
    "never prefills Autologous from %j: a hint asks about a later allogeneic HSCT",
    (code) => {
      const result = read([code]);
      expect(result.answers).toEqual({});
      expect(hintsFor("priorTransplant", code)).toEqual([
        expect.stringMatching(
          /^EHR code \S+ “.+”: an autologous HSCT is recorded; was there a later allogeneic HSCT\?$/,
        ),
      ]);
    },
  );

  it.each([
    procedure("38242"),
    condition("D89.810"),
    condition("D89.811", "history"),
    condition("T86.01"),
  ])("%j gives a hint toward allogeneic, never an answer", (code) => {
    expect(read([code]).answers).toEqual({});
    expect(hintsFor("priorTransplant", code)).toEqual([
      expect.stringContaining(
        "this follows an allogeneic HSCT; if the record confirms one, answer Allogeneic.",
      ),
    ]);
  });

  it.each([
    condition("Z94.81"),
    condition("Z94.84"),
    condition("T86.00"),
    condition("T86.02"),
    condition("T86.09"),
    condition("T86.5"),
  ])("%j says an HSCT is recorded, its type not coded", (code) => {
    expect(read([code]).answers).toEqual({});
    expect(hintsFor("priorTransplant", code)).toEqual([
      expect.stringContaining("an HSCT is recorded; its type is not coded."),
    ]);
  });

  it.each([
    ["38243", CPT_SYSTEM, "an HPC boost, type unknown"],
    ["38205", CPT_SYSTEM, "a harvest from a donor"],
    ["38230", CPT_SYSTEM, "a harvest from a donor"],
    ["38206", CPT_SYSTEM, "a collection for the patient's own later use"],
    ["38232", CPT_SYSTEM, "a collection for the patient's own later use"],
    ["30233N1", ICD_10_PCS, "red blood cells"],
    ["30233W1", ICD_10_PCS, "frozen plasma"],
    ["30233R1", ICD_10_PCS, "platelets"],
    ["30233U0", ICD_10_PCS, "T-cell depleted cells with an autologous qualifier"],
    ["30233U1", ICD_10_PCS, "T-cell depleted cells with a nonautologous qualifier"],
    ["30233G2", CPT_SYSTEM, "a PCS code sent as CPT"],
    ["382400", CPT_SYSTEM, "not a code"],
  ])("%s (%s, %s) maps to nothing", (code, system) => {
    expect(read([procedure(code, system)])).toEqual({ answers: {}, evidence: {}, hints: [] });
  });

  it("reads a transplant code only from a Procedure", () => {
    expect(read([condition("38240", "current", CPT_SYSTEM)]).answers).toEqual({});
  });
});

describe("diagnosis from ICD-10-CM codes", () => {
  it.each<[string, Diagnosis]>([
    ["C92.00", "aml"],
    ["C92.01", "aml"],
    ["C92.40", "aml"],
    ["C92.50", "aml"],
    ["C92.60", "aml"],
    ["C92.A2", "aml"],
    ["C92.30", "aml"],
    ["C93.00", "aml"],
    ["C94.00", "aml"],
    ["C94.20", "aml"],
    ["C94.40", "aml"],
    ["C91.00", "all"],
    ["C91.02", "all"],
    ["C92.10", "cml"],
    ["C92.12", "cml"],
    ["D46.9", "mds"],
    ["D46.C", "mds"],
    ["D46.Z", "mds"],
    ["C90.00", "multiple-myeloma"],
    ["C83.30", "nhl"],
    ["C82.09", "nhl"],
    ["C84.A0", "nhl"],
    ["C85.90", "nhl"],
    ["C86.0", "nhl"],
    ["C88.0", "nhl"],
    ["C88.4", "nhl"],
    ["D47.Z1", "nhl"],
    ["C81.10", "hodgkin"],
    ["C93.10", "cmml"],
    ["D47.4", "myelofibrosis"],
    // The rest of C81–C96, and the D-codes r3 names, as another hematologic malignancy.
    ["C91.10", "other-hematologic-malignancy"],
    ["C91.A0", "other-hematologic-malignancy"],
    ["C91.50", "other-hematologic-malignancy"],
    ["C91.60", "other-hematologic-malignancy"],
    ["C93.30", "other-hematologic-malignancy"],
    ["C90.10", "other-hematologic-malignancy"],
    ["C90.30", "other-hematologic-malignancy"],
    ["C86.4", "other-hematologic-malignancy"],
    ["C88.2", "other-hematologic-malignancy"],
    ["C92.20", "other-hematologic-malignancy"],
    ["C92.90", "other-hematologic-malignancy"],
    ["C94.30", "other-hematologic-malignancy"],
    ["C94.6", "other-hematologic-malignancy"],
    ["C95.00", "other-hematologic-malignancy"],
    ["C95.90", "other-hematologic-malignancy"],
    ["C96.0", "other-hematologic-malignancy"],
    ["C96.Z", "other-hematologic-malignancy"],
    ["D45", "other-hematologic-malignancy"],
    ["D47.1", "other-hematologic-malignancy"],
    ["D47.3", "other-hematologic-malignancy"],
    ["D47.9", "other-hematologic-malignancy"],
    ["D47.Z9", "other-hematologic-malignancy"],
  ])("%s → %s", (code, diagnosis) => {
    const result = read([condition(code)]);
    expect(result.answers).toEqual({ diagnosis });
    expect(result.evidence.diagnosis).toEqual([
      expect.objectContaining({ code, date: "2025-01-02", system: ICD_10_CM }),
    ]);
  });

  it("never reads C94.4 (acute panmyelosis with myelofibrosis) as myelofibrosis", () => {
    expect(read([condition("C94.41")]).answers).toEqual({ diagnosis: "aml" });
  });

  it("reads every code from C81 to C96 as a hematologic malignancy", () => {
    for (let n = 81; n <= 96; n++) {
      if ([87, 89].includes(n)) continue; // not ICD-10-CM categories
      const diagnosis = read([condition(`C${n}.90`)]).answers.diagnosis;
      expect(diagnosis, `C${n}`).toBeDefined();
      expect(["solid-tumor", "non-malignant"]).not.toContain(diagnosis);
    }
  });

  it("reads conditions in remission (pre-emptive DLI is given in remission), not resolved or inactive ones", () => {
    expect(read([condition("C92.01")]).answers).toEqual({ diagnosis: "aml" });
    expect(read([condition("C92.00", "history")]).answers).toEqual({});
  });

  it("reads codes without their dot and in lower case as the same code", () => {
    expect(read([condition("c9210")]).answers).toEqual({ diagnosis: "cml" });
    expect(read([condition("D474")]).answers).toEqual({ diagnosis: "myelofibrosis" });
  });

  it("prefills nothing where codes give two malignancies, and shows each as a hint", () => {
    const result = read([condition("C92.00"), condition("C91.00")]);
    expect(result.answers).toEqual({});
    expect(result.hints.map((h) => h.text)).toEqual([
      "EHR code C92.00 “Acute myeloblastic leukemia” points to Acute myeloid leukemia (AML); other codes point elsewhere, so nothing was filled in.",
      "EHR code C91.00 “Acute lymphoblastic leukemia [ALL]” points to Acute lymphoblastic leukemia (ALL); other codes point elsewhere, so nothing was filled in.",
    ]);
    expect(read([condition("C92.00"), condition("C92.01")]).answers).toEqual({ diagnosis: "aml" });
  });

  it.each([
    "D75.81",
    "D61.1",
    "D61.2",
    "D61.810",
    "D61.9",
    "D84.9",
    "D47.2",
    "D47.0",
    "D37.1",
    "Q90.9",
    "Q85.01",
    "Q87.19",
    "C50.911",
    "C9",
    "C92.1X9999",
    "",
  ])("%s gives no diagnosis and no hint", (code) => {
    expect(read([condition(code)])).toEqual({ answers: {}, evidence: {}, hints: [] });
  });

  it("reads a code only in ICD-10-CM: the same characters in SNOMED CT or ICD-10 (WHO) say nothing", () => {
    expect(read([condition("C92.10", "current", "http://snomed.info/sct")]).answers).toEqual({});
    expect(
      read([condition("C92.10", "current", "http://hl7.org/fhir/sid/icd-10")]).answers,
    ).toEqual({});
  });

  it("maps every family to a hematologic malignancy the contract offers", () => {
    for (const family of MALIGNANCY_CODES) {
      expect(DIAGNOSES).toContain(family.value);
      expect(["solid-tumor", "non-malignant"]).not.toContain(family.value);
    }
  });
});

describe("a non-malignant condition: a hint only, never an answer", () => {
  it.each([
    "D56.1",
    "D57.1",
    "D57.20",
    "D61.01",
    "D61.09",
    "D61.3",
    "D80.0",
    "D81.9",
    "D82.0",
    "D83.9",
    "E75.22",
    "E76.01",
    "Q78.2",
  ])("%s gives a hint beside the diagnosis and no answer", (code) => {
    const result = read([condition(code)]);
    expect(result.answers).toEqual({});
    expect(hintsFor("diagnosis", condition(code))).toEqual([
      expect.stringContaining("a non-malignant condition is recorded."),
    ]);
  });

  it.each(["D56.3", "D57.3"])("%s (a trait or thalassemia minor) gives no hint", (code) => {
    expect(read([condition(code)]).hints).toEqual([]);
  });

  it.each([
    condition("C92.00", "history"),
    condition("C81.10", "history"),
    condition("Z85.6", "history"),
    condition("Z85.71"),
    condition("Z85.72", "history"),
    condition("Z85.79", "history"),
    condition("D47.Z1", "history"),
  ])("is never given when %j is recorded, in any clinical status", (veto) => {
    expect(
      hintsFor("diagnosis", condition("D57.1"), veto).filter((t) => t.includes("non-malignant")),
    ).toEqual([]);
  });
});

describe("the DLI indication: never prefilled", () => {
  it.each(["C92.02", "C91.02", "C92.12", "C93.12", "C90.02", "C95.02", "C92.A2"])(
    "%s ('in relapse') is a hint to answer Relapsed only if after the HSCT",
    (code) => {
      const result = read([condition(code)]);
      expect(result.answers.dliIndication).toBeUndefined();
      expect(hintsFor("dliIndication", condition(code))).toEqual([
        `EHR code ${code} 'in relapse': if this relapse occurred after the HSCT, answer Relapsed.`,
      ]);
    },
  );

  it.each(["C92.00", "C92.01", "C83.32", "C81.12", "D46.2"])("%s gives no relapse hint", (code) => {
    expect(hintsFor("dliIndication", condition(code))).toEqual([]);
  });
});

describe("no code alone leads to an adverse or experimental reading", () => {
  it("prefills only Allogeneic, a hematologic malignancy and the service: never an adverse reading", () => {
    const everything: EhrCode[] = [
      procedure("38241"),
      procedure("30233Y0", ICD_10_PCS),
      condition("D57.1"),
      condition("C92.02"),
      condition("Z94.81"),
      condition("D61.3"),
    ];
    const { answers } = read(everything);
    expect(answers).toEqual({ diagnosis: "aml" });
    for (const service of ["dli", "hpc-boost"] as const) {
      const reading = evaluate(policy, { ...answers, service }).determination;
      expect(["incomplete", "medically-necessary"]).toContain(reading);
    }
  });

  it("holds for any set of codes from every table, in any status", () => {
    const pool: EhrCode[] = [
      ...["38240", "38241", "38242", "38243", "38206"].map((c) => procedure(c)),
      ...["30233G2", "30233Y0", "30243X1", "30233U3", "30233N1", "XW133C8"].map((c) =>
        procedure(c, ICD_10_PCS),
      ),
      ...MALIGNANCY_CODES.map((f) => condition(`${f.code}0`)),
      ...["D57.1", "D61.3", "D81.9", "E76.01", "Q78.2", "Z85.6", "Z94.81", "T86.01", "D89.810"].map(
        (c) => condition(c),
      ),
    ];
    fc.assert(
      fc.property(
        fc.subarray(pool),
        fc.array(fc.boolean(), { minLength: pool.length, maxLength: pool.length }),
        (codes, history) => {
          const seen = codes.map((c, i) =>
            c.resource === "Condition" && history[i] ? { ...c, status: "history" as const } : c,
          );
          const { answers } = read(seen);
          for (const service of ["dli", "hpc-boost"] as const)
            expect(["incomplete", "medically-necessary"]).toContain(
              evaluate(policy, { ...answers, service }).determination,
            );
          expect(answers.priorTransplant ?? "allogeneic").toBe("allogeneic");
          expect(answers.dliIndication).toBeUndefined();
          expect(["non-malignant", "solid-tumor"]).not.toContain(answers.diagnosis);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("takes the service from the CPT code the policy's own options carry", () => {
    expect(answerForCpt(policy, "38242")).toEqual({ field: "service", value: "dli" });
    expect(answerForCpt(policy, "38243")).toEqual({ field: "service", value: "hpc-boost" });
    expect(answerForCpt(policy, "38240")).toBeUndefined();
  });
});
