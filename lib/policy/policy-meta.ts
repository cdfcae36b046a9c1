export const POLICY = {
  id: "coverage-policy-0261",
  number: "0261",
  documentType: "Medical Coverage Policy",
  title: "Donor Lymphocyte Infusion and Hematopoietic Progenitor Cell (HPC) Boost",
  publisher: "Cigna",
  effectiveDate: "2021-07-15",
  nextReviewDate: "2022-06-15",
  // The document's own effective date identifies the revision the rules were written against.
  version: "2021-07-15",
  relatedPolicy: "Stem Cell Transplantation: Blood Cancers",
  copyright: "© 2021 Cigna",
} as const;

export type PolicyRef = { id: string; number: string; version: string };

export const POLICY_REF: PolicyRef = {
  id: POLICY.id,
  number: POLICY.number,
  version: POLICY.version,
};
