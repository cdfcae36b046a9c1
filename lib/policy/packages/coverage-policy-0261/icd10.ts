import type { CodeFamily } from "@/lib/policy/engine/ehr-codes";
import type { Diagnosis } from "./fields";

export const ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";

// ICD-10-CM codes an EHR's Condition may carry, as rules-0261.md r3 ("Answers prefilled from EHR
// data") reads them. Titles are those of the ICD-10-CM Tabular List (CDC/NCHS). A family heads
// every code under it (C92.1 heads C92.10 not in remission, C92.11 in remission, C92.12 in
// relapse); the most specific family a code falls in decides (engine/ehr-codes.ts familyOf).

const OTHER = "other-hematologic-malignancy";

/**
 * Every code in C81–C96, and the D-codes r3 names, read as a hematologic malignancy: the named
 * ones as their value, the rest as "Other hematologic malignancy". A malignancy is never read as
 * a non-malignant condition or a solid tumor.
 */
export const MALIGNANCY_CODES: readonly CodeFamily<Diagnosis>[] = [
  { code: "C81", title: "Hodgkin lymphoma", value: "hodgkin" },
  { code: "C82", title: "Follicular lymphoma", value: "nhl" },
  { code: "C83", title: "Non-follicular lymphoma", value: "nhl" },
  { code: "C84", title: "Mature T/NK-cell lymphomas", value: "nhl" },
  {
    code: "C85",
    title: "Other specified and unspecified types of non-Hodgkin lymphoma",
    value: "nhl",
  },
  { code: "C86", title: "Other specified types of T/NK-cell lymphoma", value: "nhl" },
  // Blastic plasmacytoid dendritic cell neoplasm (BPDCN) is coded here.
  { code: "C86.4", title: "Blastic NK-cell lymphoma", value: OTHER },
  {
    code: "C88",
    title: "Malignant immunoproliferative diseases and certain other B-cell lymphomas",
    value: OTHER,
  },
  { code: "C88.0", title: "Waldenström macroglobulinemia", value: "nhl" },
  {
    code: "C88.4",
    title:
      "Extranodal marginal zone B-cell lymphoma of mucosa-associated lymphoid tissue [MALT-lymphoma]",
    value: "nhl",
  },
  { code: "C90", title: "Multiple myeloma and malignant plasma cell neoplasms", value: OTHER },
  { code: "C90.0", title: "Multiple myeloma", value: "multiple-myeloma" },
  { code: "C91", title: "Lymphoid leukemia", value: OTHER },
  { code: "C91.0", title: "Acute lymphoblastic leukemia [ALL]", value: "all" },
  { code: "C92", title: "Myeloid leukemia", value: OTHER },
  { code: "C92.0", title: "Acute myeloblastic leukemia", value: "aml" },
  { code: "C92.1", title: "Chronic myeloid leukemia, BCR/ABL-positive", value: "cml" },
  { code: "C92.3", title: "Myeloid sarcoma", value: "aml" },
  { code: "C92.4", title: "Acute promyelocytic leukemia", value: "aml" },
  { code: "C92.5", title: "Acute myelomonocytic leukemia", value: "aml" },
  { code: "C92.6", title: "Acute myeloid leukemia with 11q23-abnormality", value: "aml" },
  { code: "C92.A", title: "Acute myeloid leukemia with multilineage dysplasia", value: "aml" },
  { code: "C93", title: "Monocytic leukemia", value: OTHER },
  { code: "C93.0", title: "Acute monoblastic/monocytic leukemia", value: "aml" },
  { code: "C93.1", title: "Chronic myelomonocytic leukemia", value: "cmml" },
  { code: "C94", title: "Other leukemias of specified cell type", value: OTHER },
  { code: "C94.0", title: "Acute erythroid leukemia", value: "aml" },
  { code: "C94.2", title: "Acute megakaryoblastic leukemia", value: "aml" },
  // An acute myeloid leukemia, never myelofibrosis.
  { code: "C94.4", title: "Acute panmyelosis with myelofibrosis", value: "aml" },
  { code: "C95", title: "Leukemia of unspecified cell type", value: OTHER },
  {
    code: "C96",
    title:
      "Other and unspecified malignant neoplasms of lymphoid, hematopoietic and related tissue",
    value: OTHER,
  },
  { code: "D45", title: "Polycythemia vera", value: OTHER },
  { code: "D46", title: "Myelodysplastic syndromes", value: "mds" },
  { code: "D47.1", title: "Chronic myeloproliferative disease", value: OTHER },
  { code: "D47.3", title: "Essential (hemorrhagic) thrombocythemia", value: OTHER },
  // Inclusion terms: chronic idiopathic myelofibrosis; myelofibrosis (idiopathic) (with myeloid
  // metaplasia); secondary myelofibrosis in myeloproliferative disease.
  { code: "D47.4", title: "Osteomyelofibrosis", value: "myelofibrosis" },
  {
    code: "D47.9",
    title:
      "Neoplasm of uncertain behavior of lymphoid, hematopoietic and related tissue, unspecified",
    value: OTHER,
  },
  // The contract's NHL option "includes post-transplant lymphoproliferative disorder (PTLD)".
  { code: "D47.Z1", title: "Post-transplant lymphoproliferative disorder (PTLD)", value: "nhl" },
  {
    code: "D47.Z9",
    title:
      "Other specified neoplasms of uncertain behavior of lymphoid, hematopoietic and related tissue",
    value: OTHER,
  },
];

/**
 * "In relapse" codes: the leukemias and plasma cell neoplasms (C90–C95) whose last character is 2
 * (C92.02 "Acute myeloblastic leukemia, in relapse"). Often the relapse before the HSCT: a hint,
 * never an answer.
 */
export const IN_RELAPSE = /^C9[0-5][0-9A-Z]2$/;

/** A personal history of a hematologic malignancy: it rules out a non-malignant hint. */
export const MALIGNANCY_HISTORY_CODES: readonly CodeFamily<true>[] = [
  { code: "Z85.6", title: "Personal history of leukemia", value: true },
  { code: "Z85.71", title: "Personal history of Hodgkin lymphoma", value: true },
  { code: "Z85.72", title: "Personal history of non-Hodgkin lymphomas", value: true },
  {
    code: "Z85.79",
    title:
      "Personal history of other malignant neoplasms of lymphoid, hematopoietic and related tissues",
    value: true,
  },
];

/**
 * Non-malignant conditions treated by HSCT, for a hint only (never a prefilled "Non-malignant
 * condition", which would prefill an experimental reading). `false` marks an exception inside a
 * family (a trait, thalassemia minor). Acquired aplasia or immunodeficiency after therapy (D61.1,
 * D61.2, D61.8x, D61.9, D84.x), D37–D48, D75.81 and the Q-codes that predispose to leukemia (Q90,
 * Q85.0, Q87.1x) are not listed: they give no hint.
 */
export const NON_MALIGNANT_CODES: readonly CodeFamily<boolean>[] = [
  { code: "D56", title: "Thalassemia", value: true },
  { code: "D56.3", title: "Thalassemia minor", value: false },
  { code: "D57", title: "Sickle-cell disorders", value: true },
  { code: "D57.3", title: "Sickle-cell trait", value: false },
  { code: "D61.0", title: "Constitutional aplastic anemia", value: true },
  { code: "D61.3", title: "Idiopathic aplastic anemia", value: true },
  { code: "D80", title: "Immunodeficiency with predominantly antibody defects", value: true },
  { code: "D81", title: "Combined immunodeficiencies", value: true },
  { code: "D82", title: "Immunodeficiency associated with other major defects", value: true },
  { code: "D83", title: "Common variable immunodeficiency", value: true },
  {
    code: "E75",
    title: "Disorders of sphingolipid metabolism and other lipid storage disorders",
    value: true,
  },
  { code: "E76", title: "Disorders of glycosaminoglycan metabolism", value: true },
  { code: "Q78.2", title: "Osteopetrosis", value: true },
];

/** What an ICD-10-CM code says of a prior HSCT: a hint, never an answer. */
export type TransplantSign = "toward-allogeneic" | "type-not-coded";

export const TRANSPLANT_CONDITION_CODES: readonly CodeFamily<TransplantSign>[] = [
  // GVHD and graft rejection follow an allogeneic graft.
  { code: "D89.81", title: "Graft-versus-host disease", value: "toward-allogeneic" },
  { code: "T86.01", title: "Bone marrow transplant rejection", value: "toward-allogeneic" },
  // These follow autologous transplants too.
  { code: "T86.0", title: "Complications of bone marrow transplant", value: "type-not-coded" },
  { code: "T86.5", title: "Complications of stem cell transplant", value: "type-not-coded" },
  { code: "Z94.81", title: "Bone marrow transplant status", value: "type-not-coded" },
  { code: "Z94.84", title: "Stem cells transplant status", value: "type-not-coded" },
];
