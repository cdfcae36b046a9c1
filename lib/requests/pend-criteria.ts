// Pure: what a request for more information may ask about. The reviewer picks from the gates
// the case reached, by title; the server refuses anything else, so the physician is never asked
// to document a criterion the case does not turn on (or a string someone made up).
import type { FieldIssue } from "@/lib/policy/engine/answers-schema";
import type { Evaluation } from "@/lib/policy/engine/evaluate";

/** The titles of the gates the case reached, each once, in the order they were reached. */
export function reachedCriteria(evaluation: Pick<Evaluation, "trace">): string[] {
  return [...new Set(evaluation.trace.filter((t) => t.state !== "not-asked").map((t) => t.title))];
}

/** One issue for each criterion that is not a gate this case reached. */
export function unreachedCriteria(
  criteria: readonly string[],
  reached: readonly string[],
): FieldIssue[] {
  const shown = (c: string) => (c.length > 60 ? `${c.slice(0, 57)}…` : c);
  return criteria.flatMap((c, i) =>
    reached.includes(c)
      ? []
      : [
          {
            path: `criteria.${i}`,
            message: `"${shown(c)}" is not a criterion this case reached; choose from: ${reached.join("; ")}`,
          },
        ],
  );
}
