import type { EhrCodeRule } from "@/lib/policy/engine/ehr-codes";
import type { Diagnosis, Field } from "./fields";

export const ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";

// ICD-10-CM codes an EHR's Condition may carry, read as the contract's diagnosis (gate 1 of DLI).
// Families and titles are those of the ICD-10-CM Tabular List (CDC/NCHS), Chapter 2 "Neoplasms":
// C81–C96 "Malignant neoplasms of lymphoid, hematopoietic and related tissue" and D37–D48
// "Neoplasms of uncertain behavior". A category covers every code under it (C92.1 covers C92.10
// not in remission, C92.11 in remission, C92.12 in relapse). Conservative on purpose: a code whose
// title does not say the contract's disease maps to nothing, and the physician answers. Left out:
//   C92.2 atypical CML, BCR/ABL-negative — an MDS/MPN, not the contract's CML;
//   C92.3 myeloid sarcoma, C92.Z other and C92.9 unspecified myeloid leukemia — acute or chronic
//     cannot be told from the code;
//   C90.1–C90.3 plasma cell leukemia and plasmacytomas — not multiple myeloma;
//   C88.2, C88.3, C88.8, C88.9 heavy chain disease and other immunoproliferative diseases — their
//     titles do not say lymphoma (C88.0 and C88.4 do);
//   D47.1 chronic myeloproliferative disease — its inclusion terms are chronic neutrophilic
//     leukemia and myeloproliferative disease NOS; ICD-10-CM codes myelofibrosis elsewhere;
//   D75.81 myelofibrosis NOS / secondary myelofibrosis — in Chapter 3 (not a neoplasm), "code
//     first the underlying disorder" (a breast cancer, say), so not a hematologic malignancy.
const family = (
  value: Diagnosis,
  families: readonly { code: string; title: string }[],
): EhrCodeRule<Field> => ({
  resource: "Condition",
  system: ICD_10_CM,
  match: "category",
  families,
  field: "diagnosis",
  value,
});

export const DIAGNOSIS_CODES: readonly EhrCodeRule<Field>[] = [
  family("aml", [
    { code: "C92.0", title: "Acute myeloblastic leukemia" },
    { code: "C92.4", title: "Acute promyelocytic leukemia" },
    { code: "C92.5", title: "Acute myelomonocytic leukemia" },
    { code: "C92.6", title: "Acute myeloid leukemia with 11q23-abnormality" },
    { code: "C92.A", title: "Acute myeloid leukemia with multilineage dysplasia" },
  ]),
  family("all", [{ code: "C91.0", title: "Acute lymphoblastic leukemia [ALL]" }]),
  family("cml", [{ code: "C92.1", title: "Chronic myeloid leukemia, BCR/ABL-positive" }]),
  family("mds", [{ code: "D46", title: "Myelodysplastic syndromes" }]),
  family("multiple-myeloma", [{ code: "C90.0", title: "Multiple myeloma" }]),
  family("nhl", [
    { code: "C82", title: "Follicular lymphoma" },
    { code: "C83", title: "Non-follicular lymphoma" },
    { code: "C84", title: "Mature T/NK-cell lymphomas" },
    { code: "C85", title: "Other specified and unspecified types of non-Hodgkin lymphoma" },
    { code: "C86", title: "Other specified types of T/NK-cell lymphoma" },
    { code: "C88.0", title: "Waldenström macroglobulinemia" },
    { code: "C88.4", title: "Extranodal marginal zone B-cell lymphoma of MALT" },
    // The contract's NHL option "includes post-transplant lymphoproliferative disorder (PTLD)".
    { code: "D47.Z1", title: "Post-transplant lymphoproliferative disorder (PTLD)" },
  ]),
  family("hodgkin", [{ code: "C81", title: "Hodgkin lymphoma" }]),
  family("cmml", [{ code: "C93.1", title: "Chronic myelomonocytic leukemia" }]),
  family("myelofibrosis", [
    // Inclusion terms: chronic idiopathic myelofibrosis; myelofibrosis (idiopathic) (with myeloid
    // metaplasia); secondary myelofibrosis in myeloproliferative disease.
    { code: "D47.4", title: "Osteomyelofibrosis" },
  ]),
];
