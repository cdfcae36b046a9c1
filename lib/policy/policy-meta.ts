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

/** The revision of rules-0261.md (the decision contract) that `evaluate` implements. */
export const RULES_REVISION = 2;

export type PolicyRef = { id: string; number: string; version: string; rulesRevision: number };

export const POLICY_REF: PolicyRef = {
  id: POLICY.id,
  number: POLICY.number,
  version: POLICY.version,
  rulesRevision: RULES_REVISION,
};

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "June 15, 2022" from "2022-06-15", the same in every browser locale and on the server. */
export function longDate(iso: string): string {
  const [year, month, day] = iso.split("-").map(Number);
  return `${MONTHS[month! - 1]} ${day}, ${year}`;
}

/** Said wherever a determination is shown once the policy's next review date has passed. */
export function reviewOverdueNotice(today = new Date()): string | null {
  if (today.toISOString().slice(0, 10) <= POLICY.nextReviewDate) return null;
  return (
    `The next review date of this policy, ${longDate(POLICY.nextReviewDate)}, has passed. ` +
    "Check with the plan that this version is still in effect before relying on it."
  );
}
