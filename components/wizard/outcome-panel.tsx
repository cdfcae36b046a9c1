import type { Evaluation } from "@/lib/policy/evaluate";
import type { Field } from "@/lib/policy/fields";
import { getQuestion } from "@/lib/policy/questions";
import { DeterminationHeadline, ReviewOverdueNotice } from "./determination-headline";
import { TraceList } from "./trace-list";

/** One sentence naming the rule that decided the case (or the question that will). */
export function decidingSentence(outcome: Evaluation): string {
  const { step, field, title, reason } = outcome.decidedBy;
  if (outcome.determination === "incomplete" && field)
    return `Gate ${step} needs an answer: “${getQuestion(field).text}”`;
  return `Decided at gate ${step} (${title}): ${reason}`;
}

export function OutcomePanel({
  outcome,
  onGoTo,
}: {
  outcome: Evaluation;
  onGoTo: (field: Field) => void;
}) {
  return (
    <section aria-labelledby="outcome-heading" className="rounded border border-slate-300 p-4">
      <h2 id="outcome-heading" className="text-lg font-semibold">
        Outcome
      </h2>
      <div role="status" aria-live="polite" data-testid="outcome">
        <DeterminationHeadline evaluation={outcome} />
        <p className="mt-2 text-sm">{decidingSentence(outcome)}</p>
        {outcome.nextQuestion ? (
          <p className="mt-2 text-sm">
            Next question:{" "}
            <a
              href={`#question-${outcome.nextQuestion}`}
              className="text-blue-800 underline"
              onClick={(e) => {
                e.preventDefault();
                onGoTo(outcome.nextQuestion!);
              }}
            >
              {getQuestion(outcome.nextQuestion).text}
            </a>
          </p>
        ) : null}
        <h3 className="mt-4 text-sm font-semibold">How the policy was applied</h3>
        <TraceList outcome={outcome} />
      </div>
      <ReviewOverdueNotice />
    </section>
  );
}
