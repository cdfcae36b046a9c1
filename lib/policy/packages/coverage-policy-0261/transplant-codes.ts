import { CPT_SYSTEM, normalizeCode } from "@/lib/policy/engine/ehr-codes";

export const ICD_10_PCS = "http://www.cms.gov/Medicare/Coding/ICD10";

/** What a completed Procedure's code says of the patient's HSCT (rules-0261.md r3). */
export type TransplantReading =
  /** Proves an allogeneic HSCT: prefills "Allogeneic", for the physician to confirm. */
  | "allogeneic"
  /** An autologous HSCT: a hint only (a later allogeneic HSCT is not excluded). */
  | "autologous"
  /** Follows an allogeneic HSCT (an earlier DLI): a hint toward allogeneic. */
  | "toward-allogeneic";

// CPT titles, shortened as CPT's own short descriptors. Never read: 38243 (an HPC boost, type
// unknown), 38205 and 38230 (harvests from a donor), 38206 and 38232 (collections for the
// patient's own later use): they say nothing of the patient's own transplant.
const CPT_CODES: Record<string, { title: string; reading: TransplantReading }> = {
  "38240": { title: "HPC; allogeneic transplantation per donor", reading: "allogeneic" },
  "38241": { title: "HPC; autologous transplantation", reading: "autologous" },
  "38242": { title: "Allogeneic lymphocyte infusions", reading: "toward-allogeneic" },
};

// ICD-10-PCS Administration › Circulatory › Transfusion (3-0-2) into a peripheral (3) or central
// (4) vein: the 6th character is the substance, the 7th the qualifier (donor).
const VEIN: Record<string, string> = { "3": "Peripheral Vein", "4": "Central Vein" };
const APPROACH: Record<string, string> = { "0": "Open", "3": "Percutaneous" };
const SUBSTANCE: Record<string, string> = {
  G: "Bone Marrow",
  X: "Cord Blood Stem Cells",
  Y: "Hematopoietic Stem/Progenitor Cells",
  U: "T-cell Depleted Hematopoietic Stem Cells",
};
const QUALIFIER: Record<string, string> = {
  "0": "Autologous",
  "1": "Nonautologous",
  "2": "Allogeneic Related",
  "3": "Allogeneic Unrelated",
  "4": "Allogeneic Unspecified",
};
// Omidubicel (an allogeneic cord blood product), New Technology section.
const OMIDUBICEL: Record<string, string> = {
  XW133C8:
    "Transfusion of Omidubicel into Peripheral Vein, Percutaneous Approach, New Technology Group 8",
  XW143C8:
    "Transfusion of Omidubicel into Central Vein, Percutaneous Approach, New Technology Group 8",
};

/** An ICD-10-PCS code's reading: 3023/3024 stem cells by donor, omidubicel; any other, nothing. */
function pcsReading(code: string): { title: string; reading: TransplantReading } | undefined {
  if (OMIDUBICEL[code]) return { title: OMIDUBICEL[code]!, reading: "allogeneic" };
  const match = /^302([34])([03])([GXYU])([0-4])$/.exec(code);
  if (!match) return undefined;
  const [, vein, approach, substance, qualifier] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  const title = `Transfusion of ${QUALIFIER[qualifier]} ${SUBSTANCE[substance]} into ${VEIN[vein]}, ${APPROACH[approach]} Approach`;
  const stemCells = substance !== "U";
  if (["2", "3", "4"].includes(qualifier) || (qualifier === "1" && stemCells))
    return { title, reading: "allogeneic" };
  if (qualifier === "0" && stemCells) return { title, reading: "autologous" };
  return undefined;
}

/** What a completed Procedure's code says of a prior HSCT, with its title; else undefined. */
export function transplantReading(
  system: string,
  code: string,
): { title: string; reading: TransplantReading } | undefined {
  const normalized = normalizeCode(code);
  if (system === CPT_SYSTEM) return CPT_CODES[normalized];
  if (system === ICD_10_PCS) return pcsReading(normalized);
  return undefined;
}
