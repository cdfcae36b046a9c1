import type { EhrPrefill } from "@/lib/policy/engine/ehr-codes";

/**
 * What the EHR filled in, above the questions. Rendered on the server and handed to the wizard
 * as markup: its words stay out of the first-load JavaScript of every questionnaire.
 */
export function EhrPrefillNotice({ prefill }: { prefill: EhrPrefill }) {
  const prefilled = Object.keys(prefill.answers).length;
  const hintCount = prefill.hints.length;
  return (
    <p className="mb-6 rounded border-l-4 border-amber-600 bg-amber-50 p-3 print:hidden">
      {prefilled
        ? `${prefilled} ${prefilled === 1 ? "answer was" : "answers were"} filled in from the EHR. Each is marked “From the EHR — confirm” with the code it came from: confirm or change each one before you finish.`
        : "Nothing could be filled in from the EHR: answer each question."}
      {hintCount
        ? ` ${hintCount} ${hintCount === 1 ? "hint" : "hints"} from the EHR ${hintCount === 1 ? "is" : "are"} shown beside ${hintCount === 1 ? "its question" : "their questions"}; a hint is never an answer.`
        : ""}
    </p>
  );
}
