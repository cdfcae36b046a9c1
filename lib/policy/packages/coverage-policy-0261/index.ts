import { definePolicy } from "@/lib/policy/engine/define-policy";
import { GATES } from "./gates";
import { PASSAGE_DATA } from "./passages.generated";
import { QUESTIONS } from "./questions";

/** Cigna Medical Coverage Policy 0261, read by the decision contract in source/rules-0261.md. */
export const coveragePolicy0261 = definePolicy({
  meta: {
    id: "coverage-policy-0261",
    number: "0261",
    documentType: "Medical Coverage Policy",
    title: "Donor Lymphocyte Infusion and Hematopoietic Progenitor Cell (HPC) Boost",
    shortName: "Coverage Policy 0261",
    publisher: "Cigna",
    copyright: "© 2021 Cigna",
    services: [
      { label: "Donor lymphocyte infusion (DLI)", cpt: "38242" },
      { label: "Hematopoietic progenitor cell (HPC) boost", cpt: "38243" },
    ],
  },
  versions: [
    {
      // The document's own effective date identifies the revision the rules were written against.
      version: "2021-07-15",
      effectiveDate: "2021-07-15",
      nextReviewDate: "2022-06-15",
      rulesRevision: 3,
      rulesRevisionDate: "2026-12-04",
    },
  ],
  questions: QUESTIONS,
  gates: GATES,
  determinations: [
    { value: "medically-necessary", label: "Medically necessary", tone: "approve" },
    {
      value: "not-medically-necessary",
      label: "Not medically necessary — criteria not met",
      tone: "deny",
    },
    {
      value: "experimental-investigational-unproven",
      label: "Experimental, investigational or unproven",
      tone: "experimental",
    },
    {
      value: "outside-policy",
      label: "Outside this policy — refer to a medical director",
      tone: "refer",
    },
    {
      value: "incomplete",
      label: "Incomplete — the next question that decides it",
      tone: "incomplete",
    },
  ],
  determinationNote: "This is how the policy reads these answers; it is not the coverage decision.",
  passages: PASSAGE_DATA,
});
