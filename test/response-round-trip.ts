import { answersFromResponse, answersToResponse } from "@/lib/fhir/questionnaire-response";
import type { Answers, Policy } from "@/lib/policy/engine/types";

/**
 * The answer sets that do not come back whole from a completed QuestionnaireResponse (written,
 * sent as JSON text, read again), at most six of them, and how many sets were tried.
 */
export function roundTripLosses(
  policy: Policy,
  base: string,
  cases: Iterable<Answers>,
): { lost: string[]; cases: number } {
  const lost: string[] = [];
  let count = 0;
  for (const answers of cases) {
    count++;
    const response = answersToResponse(policy, answers, "completed", base);
    const back = answersFromResponse(policy, JSON.parse(JSON.stringify(response)), base);
    if (!back.ok || JSON.stringify(back.answers) !== JSON.stringify(answers))
      lost.push(JSON.stringify(answers));
    if (lost.length > 5) break;
  }
  return { lost, cases: count };
}
