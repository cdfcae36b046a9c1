import type { Readings, RevisionChange } from "@/lib/policy/engine/rereading";

const decidedAt = ({ now }: Readings, field: string, determination: string) =>
  now.determination === determination && now.decidedBy.field === field;

/** What revisions 2 and 3 of rules-0261.md changed, each with the cases it explains. */
export const REVISION_CHANGES: readonly RevisionChange[] = [
  {
    from: 1,
    to: 2,
    applies: (r) => decidedAt(r, "sameDonor", "outside-policy"),
    says: "Rules revision 2 reads cells from another source as a new transplant (CPT 38240 / 38241) under the applicable transplant policy: outside this policy, referred to a medical director. Revision 1 read the same answer as not medically necessary.",
  },
  {
    from: 1,
    to: 2,
    applies: (r) => decidedAt(r, "preparativeRegimen", "outside-policy"),
    says: "Rules revision 2 reads a conditioning regimen as a transplant (CPT 38240 / 38241) under the applicable transplant policy: outside this policy, referred to a medical director. Revision 1 read it as not medically necessary. Revision 2 also tells the physician that reinduction chemotherapy given days to weeks earlier is not a preparative regimen.",
  },
  {
    from: 1,
    to: 2,
    applies: (r) => decidedAt(r, "priorTransplant", "outside-policy"),
    says: "Rules revision 2 reads an HPC boost with no prior HSCT as a first transplant under the applicable transplant policy: outside this policy, referred to a medical director. Revision 1 read it as not medically necessary.",
  },
  {
    from: 1,
    to: 2,
    applies: ({ stored, now }) =>
      now.determination === "experimental-investigational-unproven" &&
      stored.determination !== now.determination,
    says: "Rules revision 2 asks what the DLI treats before the transplant history, so a use the policy calls experimental is experimental whatever the transplant, donor or regimen. Revision 1 asked the transplant history first and stopped there.",
  },
  {
    from: 2,
    to: 3,
    applies: ({ stored, now }) =>
      stored.determination === "not-medically-necessary" &&
      stored.decidedBy.field === "boostIndication" &&
      now.ignored.some((i) => i.field === "boostIndication" && i.why === "not-offered"),
    says: "Rules revision 3 does not offer “Enhance chimerism” after an autologous HSCT: there are no donor cells, so the answer cannot be right, and the question is asked again (for poor graft function or delayed engraftment the answer is Promote engraftment). Revision 2 read it as not medically necessary: ask the physician before deciding.",
  },
  {
    from: 2,
    to: 3,
    applies: (r) => decidedAt(r, "donorChimerismPercent", "outside-policy"),
    says: "Rules revision 3 reads donor cells below 5% in the lowest lineage as graft rejection or loss: outside this policy, referred to a medical director, who may still approve on the policy's letter (“<100% donor cells”). Revision 2 read it as medically necessary.",
  },
];
