"use client";

import { useId, useState } from "react";
import { countedAnswers, evaluate } from "@/lib/policy/engine/evaluate";
import { isOffered, questionText } from "@/lib/policy/engine/questions";
import type { AnswerValue, Answers, PolicyRules, Question } from "@/lib/policy/engine/types";
import { field } from "@/components/ui/styles";
import { DeterminationLabel } from "@/components/wizard/determination-headline";
import { decidingSentence } from "@/lib/policy/engine/deciding-sentence";
import { FieldError } from "@/components/ui/field-error";

/**
 * The questionnaire's answers, to correct in a reply: each question the case asks, with the
 * reading of the corrected answers live. Sent (as "answers", only the questions asked) when
 * something changed; the server reads them again and keeps both readings.
 */
export function AnswerCorrections({
  policy,
  answers,
  errors,
}: {
  policy: PolicyRules;
  answers: Answers;
  errors: Record<string, string>;
}) {
  const uid = useId();
  const [draft, setDraft] = useState<Answers>(answers);
  const evaluation = evaluate(policy, draft);
  const fields = [
    ...evaluation.asked,
    ...(evaluation.nextQuestion && !evaluation.asked.includes(evaluation.nextQuestion)
      ? [evaluation.nextQuestion]
      : []),
  ];
  const sent = Object.fromEntries(fields.flatMap((f) => (f in draft ? [[f, draft[f]]] : [])));
  const changed = JSON.stringify(sent) !== JSON.stringify(pick(answers, fields));
  const questions = fields.map((f) => policy.questions.find((q) => q.field === f)!);
  // Worded and offered for this case, as the questionnaire asks (rules revision 3).
  const counted = countedAnswers(evaluation);

  return (
    <details id="answer-corrections" className="rounded border border-slate-300 p-3">
      <summary className="cursor-pointer font-medium">
        Correct the answers to the questionnaire (optional)
      </summary>
      {changed ? <input type="hidden" name="answers" value={JSON.stringify(sent)} /> : null}
      <div className="mt-3 space-y-4">
        {questions.map((question) => (
          <AnswerField
            key={question.field}
            id={`${uid}-${question.field}`}
            question={question}
            answers={counted}
            value={draft[question.field]}
            error={errors[`answers.${question.field}`]}
            onChange={(value) =>
              setDraft((d) => {
                const next = { ...d };
                if (value === undefined) delete next[question.field];
                else next[question.field] = value;
                return next;
              })
            }
          />
        ))}
      </div>
      <div className="mt-3" role="status" aria-live="polite" aria-atomic="true">
        <p className="text-sm font-medium">
          {changed ? "With the corrected answers:" : "With the answers as submitted:"}
        </p>
        <DeterminationLabel policy={policy} evaluation={evaluation} />
        <p className="mt-1 text-sm">{decidingSentence(evaluation)}</p>
      </div>
    </details>
  );
}

function pick(answers: Answers, fields: readonly string[]): Answers {
  return Object.fromEntries(fields.flatMap((f) => (f in answers ? [[f, answers[f]]] : [])));
}

function AnswerField({
  id,
  question,
  answers,
  value,
  error,
  onChange,
}: {
  id: string;
  question: Question;
  /** The answers that count, for the wording and the options offered in this case. */
  answers: Answers;
  value: AnswerValue | undefined;
  error?: string;
  onChange: (value: AnswerValue | undefined) => void;
}) {
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="font-medium">{questionText(question, answers)}</legend>
      {question.kind === "choice" ? (
        question.options
          .filter((option) => isOffered(option, answers))
          .map((option) => (
            <label key={String(option.value)} className="mt-1 flex gap-2 text-sm">
              <input
                type="radio"
                name={`_${id}`}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
              />
              {option.label}
            </label>
          ))
      ) : (
        <label className="mt-1 block text-sm">
          {question.inputLabel} ({question.unit}, {question.min} to {question.max})
          <input
            type="number"
            inputMode="decimal"
            min={question.min}
            max={question.max}
            defaultValue={typeof value === "number" ? value : ""}
            onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
            className={`${field} ml-2 w-24`}
          />
        </label>
      )}
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}
