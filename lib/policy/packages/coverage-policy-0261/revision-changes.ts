import type { Readings, RevisionChange } from "@/lib/policy/engine/rereading";

const decidedAt = ({ now }: Readings, field: string, determination: string) =>
  now.determination === determination && now.decidedBy.field === field;

/** What revision 2 of rules-0261.md changed, each with the cases it explains. */
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
];
