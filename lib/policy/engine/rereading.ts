import type { Evaluation } from "./evaluate";
import { gateName } from "./gate-name";
import { getQuestion } from "./questions";
import { INCOMPLETE, type PolicyRules } from "./types";

export interface Rereading {
  /** Today's reading gives another determination (or, under the same rules, another gate). */
  differs: boolean;
  /** Why today's reading is what it is beside the stored one; empty when they are the same. */
  explanation: string[];
}

export type Readings = { stored: Evaluation; now: Evaluation };

/** What a revision of a package's rules changed, with the cases it explains (package data). */
export interface RevisionChange {
  from: number;
  to: number;
  applies: (readings: Readings) => boolean;
  says: string;
}

const gate = (e: Evaluation) => gateName(e.decidedBy);

/**
 * The stored reading of a request beside the server's reading today, under `policy` (the
 * version the request is judged under). A request keeps the determination it was made under;
 * this says whether today's rules read its answers otherwise, and why, so that a reviewer sees
 * both.
 */
export function compareReadings(
  policy: PolicyRules,
  stored: Evaluation,
  now: Evaluation,
  changes: readonly RevisionChange[] = [],
): Rereading {
  const sameDetermination = stored.determination === now.determination;
  const sameGate =
    stored.decidedBy.step === now.decidedBy.step && stored.decidedBy.title === now.decidedBy.title;
  const from = stored.policy.rulesRevision;
  const to = now.policy.rulesRevision;

  if (from === to && stored.policy.version === now.policy.version) {
    const differs = !sameDetermination || !sameGate;
    return {
      differs,
      explanation: differs ? [`Read again today: ${gate(now)}: ${now.decidedBy.reason}`] : [],
    };
  }

  // Every revision between the stored one and today's may explain the difference (1 → 3 reads
  // what revision 2 changed and what revision 3 changed).
  const readings = { stored, now };
  const said = changes
    .filter((c) => c.from >= from && c.to <= to && c.applies(readings))
    .map((c) => c.says);
  if (now.determination === INCOMPLETE && now.nextQuestion && said.length === 0) {
    const asked = now.trace.find((t) => t.field === now.nextQuestion)?.question;
    said.push(
      `Rules revision ${to} asks “${asked ?? getQuestion(policy, now.nextQuestion).text}”, which revision ${from} did not ask for this case, and the stored answers do not answer it: ask the physician before deciding.`,
    );
  }
  const versions =
    stored.policy.version === now.policy.version
      ? []
      : [`Policy version ${stored.policy.version} then, ${now.policy.version} now.`];
  if (!sameDetermination)
    return {
      differs: true,
      explanation: [
        ...versions,
        ...(said.length
          ? said
          : [
              `Rules revision ${to} reads these answers differently: ${gate(now)}: ${now.decidedBy.reason}`,
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
            `Same determination under rules revision ${to}, reached at ${gate(now)}, where revision ${from} reached it at ${gate(stored)}.`,
          ]),
    ],
  };
}
