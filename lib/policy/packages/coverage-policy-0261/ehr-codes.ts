import type { EhrCodeRule } from "@/lib/policy/engine/ehr-codes";
import type { Field } from "./fields";
import { DIAGNOSIS_CODES } from "./icd10";

export const CPT = "http://www.ama-assn.org/go/cpt";

// A completed Procedure of an HSCT answers "prior HSCT". The contract names the two transplant
// codes (rules-0261.md: "a transplant (CPT 38240 allogeneic / 38241 autologous)"); CPT titles them
// "Hematopoietic progenitor cell (HPC); allogeneic transplantation per donor" and "…; autologous
// transplantation". No other procedure code is read: "none" is never inferred from silence.
const PRIOR_TRANSPLANT_CODES: readonly EhrCodeRule<Field>[] = [
  {
    resource: "Procedure",
    system: CPT,
    match: "exact",
    families: [{ code: "38240", title: "HPC; allogeneic transplantation per donor" }],
    field: "priorTransplant",
    value: "allogeneic",
  },
  {
    resource: "Procedure",
    system: CPT,
    match: "exact",
    families: [{ code: "38241", title: "HPC; autologous transplantation" }],
    field: "priorTransplant",
    value: "autologous",
  },
];

/** What an EHR's Conditions and Procedures answer of Policy 0261's questions. */
export const EHR_CODES_0261: readonly EhrCodeRule<Field>[] = [
  ...DIAGNOSIS_CODES,
  ...PRIOR_TRANSPLANT_CODES,
];
