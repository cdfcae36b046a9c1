"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { clearDraft, loadDraft, saveDraft, type View } from "@/lib/draft-storage";
import { fieldIssue, keepValidAnswers } from "@/lib/policy/answers-schema";
import { evaluate } from "@/lib/policy/evaluate";
import { FIELDS, type AnswerValue, type Field } from "@/lib/policy/fields";
import type { Passage, PassageId } from "@/lib/policy/passages";
import { getQuestion } from "@/lib/policy/questions";
import { plannedStepCount } from "@/lib/policy/steps";
import { primaryButton, secondaryButton } from "@/components/ui/styles";
import { FhirImport } from "./fhir-import";
import { OutcomePanel } from "./outcome-panel";
import { QuestionStep } from "./question-step";
import { ReviewStep } from "./review-step";

export function Wizard({ passages }: { passages: Record<string, Passage> }) {
  // The answers as entered: one typed value per question, so plain state is the whole form
  // store. A number being typed may be invalid (NaN, 150): fieldIssue checks each against
  // answersSchema, the schema the API validates with, and only valid answers are evaluated.
  const [values, setValues] = useState<Partial<Record<Field, AnswerValue>>>({});
  const answers = useMemo(() => keepValidAnswers(values), [values]);
  const outcome = useMemo(() => evaluate(answers), [answers]);
  const totalSteps = useMemo(() => plannedStepCount(answers), [answers]);

  // null until the draft has been read after hydration (the server has no localStorage).
  const [requested, setRequested] = useState<View | null>(null);
  const [mustAnswer, setMustAnswer] = useState(false);
  const focusNext = useRef(false);
  const legendRef = useRef<HTMLLegendElement>(null);
  const reviewRef = useRef<HTMLHeadingElement>(null);

  // The step shown: the one asked for, unless the answers no longer lead there.
  const view: View =
    requested === null
      ? "service"
      : requested === "review"
        ? outcome.determination === "incomplete"
          ? outcome.nextQuestion!
          : "review"
        : outcome.asked.includes(requested)
          ? requested
          : (outcome.nextQuestion ?? "review");

  // Reads the browser's draft once, after hydration: the server has no localStorage.
  /* eslint-disable react-hooks/set-state-in-effect */
  useEffect(() => {
    const draft = loadDraft();
    const linked = window.location.hash.replace(/^#question-/, "");
    if (draft) setValues(draft.answers);
    setRequested(FIELDS.includes(linked as Field) ? (linked as Field) : (draft?.view ?? "service"));
  }, []);
  /* eslint-enable react-hooks/set-state-in-effect */

  const restored = requested !== null;
  useEffect(() => {
    if (restored) saveDraft({ answers, view });
  }, [restored, answers, view]);

  useEffect(() => {
    if (!focusNext.current) return;
    focusNext.current = false;
    (view === "review" ? reviewRef.current : legendRef.current)?.focus();
  }, [view]);

  const goTo = useCallback((next: View) => {
    focusNext.current = true;
    setMustAnswer(false);
    setRequested(next);
  }, []);

  const lookup = useCallback(
    (ids: readonly PassageId[]) => ids.map((id) => passages[id]).filter((p) => p !== undefined),
    [passages],
  );

  const startOver = () => {
    if (!window.confirm("Clear every answer and start over?")) return;
    clearDraft();
    setValues({});
    goTo("service");
  };

  const index = view === "review" ? -1 : outcome.asked.indexOf(view);
  const isLast = index === outcome.asked.length - 1;
  const decided = outcome.determination !== "incomplete";
  const next = () => {
    if (view === "review") return;
    if (answers[view] === undefined) return setMustAnswer(true);
    goTo(isLast ? "review" : outcome.asked[index + 1]!);
  };

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_24rem]">
      <form
        noValidate
        aria-label="Coverage questions"
        data-ready={restored || undefined}
        onSubmit={(e) => {
          e.preventDefault();
          next();
        }}
      >
        {view === "review" ? (
          <ReviewStep outcome={outcome} onChange={goTo} headingRef={reviewRef} />
        ) : (
          <QuestionStep
            key={view}
            question={getQuestion(view)}
            value={values[view] as AnswerValue | undefined}
            answers={answers}
            onChange={(value) => {
              setMustAnswer(false);
              setValues((current) => ({ ...current, [view]: value }));
            }}
            error={
              fieldIssue(view, values[view]) ??
              (mustAnswer ? "Choose an answer to continue." : undefined)
            }
            passages={lookup}
            legendRef={legendRef}
            stepText={`Step ${index + 1} of ${Math.max(totalSteps, index + 1)}`}
          />
        )}

        <div className="mt-6 flex flex-wrap gap-3 print:hidden">
          {view === "review" ? (
            <>
              <button
                type="button"
                className={secondaryButton}
                onClick={() => goTo(outcome.asked.at(-1)!)}
              >
                Back
              </button>
              <button type="button" className={primaryButton} onClick={() => window.print()}>
                Print summary
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                className={secondaryButton}
                disabled={index === 0}
                onClick={() => goTo(outcome.asked[index - 1]!)}
              >
                Back
              </button>
              <button type="submit" className={primaryButton} disabled={!restored}>
                {isLast && decided ? "Finish and review" : "Next"}
              </button>
            </>
          )}
          <button type="button" className={`${secondaryButton} ml-auto`} onClick={startOver}>
            Start over
          </button>
        </div>
        {view !== "review" && index === 0 ? (
          <FhirImport
            onImport={(imported) => {
              setValues(imported);
              goTo(evaluate(imported).nextQuestion ?? "review");
            }}
          />
        ) : null}
      </form>

      <div className={view === "review" ? "print:hidden" : ""}>
        <OutcomePanel outcome={outcome} onGoTo={goTo} />
      </div>
    </div>
  );
}
