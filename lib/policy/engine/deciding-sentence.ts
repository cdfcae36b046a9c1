import type { Evaluation } from "./evaluate";
import { gateName } from "./gate-name";

/** One sentence naming the rule that decided the case (or the question that will). */
export function decidingSentence(outcome: Evaluation): string {
  const { reason } = outcome.decidedBy;
  const missing = outcome.trace.find((t) => t.state === "missing");
  if (!missing) return `Decided at ${gateName(outcome.decidedBy)}: ${reason}`;
  // An answer given but not offered for this case: say why it does not count.
  const notOffered = outcome.ignored.some(
    (i) => i.field === missing.field && i.why === "not-offered",
  );
  return `${gateName(outcome.decidedBy)} needs an answer: “${missing.question}”${notOffered ? ` ${reason}` : ""}`;
}
