import { describe, expect, it } from "vitest";
import { answerForCpt, answersFromCodes, type EhrCode } from "@/lib/policy/engine/ehr-codes";
import { coveragePolicy0261 } from ".";
import { CPT, EHR_CODES_0261 } from "./ehr-codes";
import { DIAGNOSES } from "./fields";
import { DIAGNOSIS_CODES, ICD_10_CM } from "./icd10";

const policy = coveragePolicy0261.versions[0]!;
const condition = (code: string, system = ICD_10_CM): EhrCode => ({
  resource: "Condition",
  system,
  code,
});
const procedure = (code: string, system = CPT): EhrCode => ({
  resource: "Procedure",
  system,
  code,
});
const read = (...codes: EhrCode[]) => answersFromCodes(policy, EHR_CODES_0261, codes);

describe("ICD-10-CM codes read as the contract's diagnosis", () => {
  it.each([
    ["C92.10", "cml"],
    ["C92.11", "cml"],
    ["C92.12", "cml"],
    ["C92.00", "aml"],
    ["C92.40", "aml"],
    ["C92.A2", "aml"],
    ["C91.00", "all"],
    ["C91.02", "all"],
    ["D46.9", "mds"],
    ["D46.C", "mds"],
    ["D46.Z", "mds"],
    ["C90.00", "multiple-myeloma"],
    ["C90.01", "multiple-myeloma"],
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
    ["C93.12", "cmml"],
    ["D47.4", "myelofibrosis"],
  ])("%s → %s", (code, diagnosis) => {
    expect(read(condition(code))).toEqual({ diagnosis });
  });

  it("reads codes without their dot and in lower case as the same code", () => {
    expect(read(condition("c9210"))).toEqual({ diagnosis: "cml" });
    expect(read(condition("D474"))).toEqual({ diagnosis: "myelofibrosis" });
  });

  it.each([
    ["C92.20", "atypical CML, BCR/ABL-negative"],
    ["C92.30", "myeloid sarcoma"],
    ["C92.90", "myeloid leukemia, unspecified"],
    ["C92.Z0", "other myeloid leukemia"],
    ["C90.10", "plasma cell leukemia"],
    ["C90.30", "solitary plasmacytoma"],
    ["C88.2", "heavy chain disease"],
    ["C88.9", "malignant immunoproliferative disease, unspecified"],
    ["D47.1", "chronic myeloproliferative disease"],
    ["D75.81", "myelofibrosis NOS / secondary myelofibrosis"],
    ["C91.10", "chronic lymphocytic leukemia (no option of its own)"],
    ["C50.911", "breast cancer (a solid tumour is never inferred)"],
    ["D57.1", "sickle-cell disease (non-malignant is never inferred)"],
    ["C9", "too short to be a code"],
    ["C92.1X9999", "too long to be a code"],
    ["", "empty"],
  ])("%s (%s) maps to nothing: the physician answers", (code) => {
    expect(read(condition(code))).toEqual({});
  });

  it("reads a code only in ICD-10-CM: the same characters in SNOMED CT or ICD-10 (WHO) say nothing", () => {
    expect(read(condition("C92.10", "http://snomed.info/sct"))).toEqual({});
    expect(read(condition("C92.10", "http://hl7.org/fhir/sid/icd-10"))).toEqual({});
  });

  it("answers nothing when two conditions point to two diagnoses, and once when both agree", () => {
    expect(read(condition("C92.00"), condition("C91.00"))).toEqual({});
    expect(read(condition("C92.00"), condition("C92.01"))).toEqual({ diagnosis: "aml" });
  });

  it("maps every family to a diagnosis the contract offers, and none to a non-malignant one", () => {
    for (const rule of DIAGNOSIS_CODES) {
      expect(DIAGNOSES).toContain(rule.value);
      expect(["solid-tumor", "non-malignant", "other-hematologic-malignancy"]).not.toContain(
        rule.value,
      );
    }
  });

  it("gives no code family twice, and no family inside another diagnosis's family", () => {
    const families = DIAGNOSIS_CODES.flatMap((rule) =>
      rule.families.map((f) => ({ code: f.code.replace(".", ""), value: rule.value })),
    );
    for (const a of families)
      for (const b of families)
        if (a !== b) expect(b.code.startsWith(a.code), `${a.code} and ${b.code}`).toBe(false);
  });
});

describe("CPT codes read as the prior transplant and the service", () => {
  it("reads an allogeneic (38240) or an autologous (38241) HSCT procedure", () => {
    expect(read(procedure("38240"))).toEqual({ priorTransplant: "allogeneic" });
    expect(read(procedure("38241"))).toEqual({ priorTransplant: "autologous" });
  });

  it("answers nothing for both at once, for another code, or for a Condition with those codes", () => {
    expect(read(procedure("38240"), procedure("38241"))).toEqual({});
    expect(read(procedure("38242"))).toEqual({});
    expect(read(procedure("382400"))).toEqual({});
    expect(read(condition("38240", CPT))).toEqual({});
  });

  it("takes the service from the CPT code the policy's own options carry", () => {
    expect(answerForCpt(policy, "38242")).toEqual({ field: "service", value: "dli" });
    expect(answerForCpt(policy, "38243")).toEqual({ field: "service", value: "hpc-boost" });
    expect(answerForCpt(policy, "38240")).toBeUndefined();
    for (const service of policy.meta.services)
      expect(answerForCpt(policy, service.cpt), service.cpt).toBeDefined();
  });

  it("reads a diagnosis and a transplant together", () => {
    expect(read(condition("C92.02"), procedure("38240"))).toEqual({
      diagnosis: "aml",
      priorTransplant: "allogeneic",
    });
  });
});
