import type { Evaluation } from "./evaluate";
import { getQuestion } from "./questions";

export interface Rereading {
  /** Today's reading gives another determination (or, under the same rules, another gate). */
  differs: boolean;
  /** Why today's reading is what it is beside the stored one; empty when they are the same. */
  explanation: string[];
}

type Readings = { stored: Evaluation; now: Evaluation };

const gate = (e: Evaluation) => `gate ${e.decidedBy.step} (${e.decidedBy.title})`;
const decidedAt = (e: Evaluation, field: string) => e.decidedBy.field === field;

/** What revision 2 of rules-0261.md changed, each with the cases it explains. */
const REVISION_2_CHANGES: { applies: (r: Readings) => boolean; says: (r: Readings) => string }[] = [
  {
    applies: ({ now }) => now.determination === "outside-policy" && decidedAt(now, "sameDonor"),
    says: () =>
      "Rules revision 2 reads cells from another source as a new transplant (CPT 38240 / 38241) under the applicable transplant policy: outside this policy, referred to a medical director. Revision 1 read the same answer as not medically necessary.",
  },
  {
    applies: ({ now }) =>
      now.determination === "outside-policy" && decidedAt(now, "preparativeRegimen"),
    says: () =>
      "Rules revision 2 reads a conditioning regimen as a transplant (CPT 38240 / 38241) under the applicable transplant policy: outside this policy, referred to a medical director. Revision 1 read it as not medically necessary. Revision 2 also tells the physician that reinduction chemotherapy given days to weeks earlier is not a preparative regimen.",
  },
  {
    applies: ({ now }) =>
      now.determination === "outside-policy" && decidedAt(now, "priorTransplant"),
    says: () =>
      "Rules revision 2 reads an HPC boost with no prior HSCT as a first transplant under the applicable transplant policy: outside this policy, referred to a medical director. Revision 1 read it as not medically necessary.",
  },
  {
    applies: ({ stored, now }) =>
      now.determination === "experimental-investigational-unproven" &&
      stored.determination !== now.determination,
    says: () =>
      "Rules revision 2 asks what the DLI treats before the transplant history, so a use the policy calls experimental is experimental whatever the transplant, donor or regimen. Revision 1 asked the transplant history first and stopped there.",
  },
  {
    applies: ({ now }) => now.determination === "incomplete",
    says: ({ now }) =>
      `Rules revision 2 asks “${getQuestion(now.nextQuestion!).text}”, which revision 1 did not ask for this case, and the stored answers do not answer it: ask the physician before deciding.`,
  },
];

/**
 * The stored reading of a request beside the server's reading today. A request keeps the
 * determination it was made under; this says whether today's rules read its answers otherwise,
 * and why, so that a reviewer sees both.
 */
export function compareReadings(stored: Evaluation, now: Evaluation): Rereading {
  const sameDetermination = stored.determination === now.determination;
  const sameGate =
    stored.decidedBy.step === now.decidedBy.step && stored.decidedBy.title === now.decidedBy.title;
  const sameRules =
    stored.policy.rulesRevision === now.policy.rulesRevision &&
    stored.policy.version === now.policy.version;

  if (sameRules) {
    const differs = !sameDetermination || !sameGate;
    return {
      differs,
      explanation: differs ? [`Read again today: ${gate(now)}: ${now.decidedBy.reason}`] : [],
    };
  }

  const readings = { stored, now };
  const changes =
    now.policy.rulesRevision === 2 && stored.policy.rulesRevision === 1
      ? REVISION_2_CHANGES.filter((c) => c.applies(readings)).map((c) => c.says(readings))
      : [];
  const versions =
    stored.policy.version === now.policy.version
      ? []
      : [`Policy version ${stored.policy.version} then, ${now.policy.version} now.`];
  if (!sameDetermination)
    return {
      differs: true,
      explanation: [
        ...versions,
        ...(changes.length
          ? changes
          : [
              `Rules revision ${now.policy.rulesRevision} reads these answers differently: ${gate(now)}: ${now.decidedBy.reason}`,
            ]),
      ],
    };
  return {
    differs: false,
    explanation: [
      ...versions,
      ...(sameGate
        ? []
        : [
            `Same determination under rules revision ${now.policy.rulesRevision}, reached at ${gate(now)}, where revision ${stored.policy.rulesRevision} reached it at ${gate(stored)}: revision 2 reordered and renumbered the gates.`,
          ]),
    ],
  };
}
