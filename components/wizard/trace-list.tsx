import { GATE_STATE_LABELS, type Evaluation } from "@/lib/policy/engine/evaluate";
import { gateName } from "@/lib/policy/engine/gate-name";
import { getQuestion } from "@/lib/policy/engine/questions";
import type { PolicyRules } from "@/lib/policy/engine/types";

/** Every gate with its state and answer, then the answers that did not count. */
export function TraceList({
  policy,
  outcome,
}: {
  policy: Pick<PolicyRules, "questions">;
  outcome: Evaluation;
}) {
  return (
    <>
      <ol className="mt-1 space-y-1 text-sm">
        {outcome.trace.map((entry) => (
          <li
            key={`${entry.step}-${entry.title}`}
            className={entry.state === "not-asked" ? "text-slate-600" : "text-slate-900"}
          >
            <span className="font-medium">{gateName(entry)}:</span> {GATE_STATE_LABELS[entry.state]}
            {entry.answerLabel && entry.state !== "not-asked" ? ` — ${entry.answerLabel}` : ""}
            {entry.note ? <span className="block">{entry.note}</span> : null}
          </li>
        ))}
      </ol>
      {outcome.ignored.length ? (
        <p className="mt-2 text-sm text-slate-700">
          Not counted:{" "}
          {outcome.ignored
            .map((i) => {
              const subject = policy.questions.some((q) => q.field === i.field)
                ? getQuestion(policy, i.field).subject
                : i.field;
              return i.why === "not-offered" ? `${subject} (not offered for this case)` : subject;
            })
            .join(", ")}
          .
        </p>
      ) : null}
    </>
  );
}
