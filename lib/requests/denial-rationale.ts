import type { Evaluation } from "@/lib/policy/engine/evaluate";
import { getPassage, plainText, sectionLabel } from "@/lib/policy/engine/passages";
import type { Policy } from "@/lib/policy/engine/types";

// A denial's rationale as a reviewer starts from it, in plain words: the criterion the case did
// not meet, the reason, and the policy's own sentence with the section it stands in. No gate
// numbers or passage ids: the physician reads this.

const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 3),
  );

/**
 * A passage's sentences; a line that ends with a colon keeps the list after it ("… EITHER of the
 * following indications: promote engraftment; enhancement of chimerism …").
 */
function sentencesOf(text: string): string[] {
  const units: { text: string; open: boolean }[] = [];
  for (const line of text.split("\n")) {
    const last = units.at(-1);
    if (last?.open) {
      last.text += last.text.endsWith(":") ? ` ${line}` : `; ${line}`;
      continue;
    }
    units.push({ text: line, open: line.trimEnd().endsWith(":") });
  }
  return units.flatMap((u) => u.text.split(/(?<=[.!?])\s+(?=[A-Z(“"])/)).map((s) => s.trim());
}

/** The sentence of the cited passages that shares the most words with the reason. */
export function quotedSentence(policy: Policy, cites: readonly string[], reason: string) {
  const wanted = words(reason);
  let best: { sentence: string; section: string; score: number } | undefined;
  for (const id of cites) {
    const passage = getPassage(policy, id);
    for (const text of sentencesOf(plainText(passage))) {
      if (text.length < 20) continue;
      const score = [...words(text)].filter((w) => wanted.has(w)).length;
      if (!best || score > best.score)
        best = { sentence: text, section: sectionLabel(policy.meta, passage), score };
    }
  }
  return best && { sentence: best.sentence, section: best.section };
}

export function denialRationale(policy: Policy, evaluation: Evaluation): string {
  const { title, reason, cites } = evaluation.decidedBy;
  const quote = quotedSentence(policy, cites, reason);
  return (
    `Not certified under ${policy.meta.shortName} (version ${evaluation.policy.version}). ` +
    `Criterion: ${title}. ${reason}` +
    (quote ? ` The policy says: “${quote.sentence}” (${quote.section}).` : "")
  );
}
