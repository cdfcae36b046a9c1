import type { Evaluation } from "./evaluate";

/** One sentence naming the rule that decided the case (or the question that will). */
export function decidingSentence(outcome: Evaluation): string {
  const { step, title, reason } = outcome.decidedBy;
  const missing = outcome.trace.find((t) => t.state === "missing");
  if (missing) return `Gate ${step} needs an answer: “${missing.question}”`;
  return `Decided at gate ${step} (${title}): ${reason}`;
}
