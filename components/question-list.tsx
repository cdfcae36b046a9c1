import { QUESTIONS } from "@/lib/policy/questions";

/** The policy's questions as the engine defines them, read-only. */
export function QuestionList() {
  return (
    <ol className="space-y-4">
      {QUESTIONS.map((question) => (
        <li key={question.field}>
          <fieldset className="rounded border border-slate-300 p-4" disabled>
            <legend className="px-1 font-medium">{question.text}</legend>
            {question.help ? <p className="text-sm text-slate-700">{question.help}</p> : null}
            {question.kind === "choice" ? (
              <ul className="mt-2 space-y-1">
                {question.options.map((option) => (
                  <li key={String(option.value)}>
                    <label className="flex gap-2">
                      <input type="radio" name={question.field} value={String(option.value)} />
                      {option.label}
                      {option.cpt ? (
                        <span className="text-slate-700">(CPT {option.cpt})</span>
                      ) : null}
                    </label>
                  </li>
                ))}
              </ul>
            ) : (
              <label className="mt-2 flex gap-2">
                <input type="number" name={question.field} min={question.min} max={question.max} />
                {question.unit}
              </label>
            )}
          </fieldset>
        </li>
      ))}
    </ol>
  );
}
