"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { clearDraft, loadDraft, saveDraft, type View } from "@/lib/draft-storage";
import { fieldIssue, keepValidAnswers } from "@/lib/policy/engine/answers-schema";
import { evaluate } from "@/lib/policy/engine/evaluate";
import type { FlowchartLayout } from "@/lib/policy/engine/flowchart";
import { sectionLabel } from "@/lib/policy/engine/passages";
import { getQuestion } from "@/lib/policy/engine/questions";
import { plannedStepCount } from "@/lib/policy/engine/steps";
import type { AnswerValue, Passage, PolicyRules } from "@/lib/policy/engine/types";
import { primaryButton, secondaryButton } from "@/components/ui/styles";
import { FhirImport } from "./fhir-import";
import { OutcomePanel } from "./outcome-panel";
import { QuestionStep } from "./question-step";
import { ReviewStep } from "./review-step";

export function Wizard({
  policy,
  passages,
  documentHref,
  submitHref,
  flowchart,
}: {
  /** The policy version asked, as data: the same engine reads any policy. */
  policy: PolicyRules;
  /** The passages the questions cite, by id. */
  passages: Record<string, Passage>;
  /** The policy document's page. */
  documentHref: string;
  /** Where the physician goes on to submit the request. */
  submitHref: string;
  /** The policy's decision flowchart, laid out on the server. */
  flowchart: FlowchartLayout;
}) {
  // The answers as entered: one typed value per question, so plain state is the whole form
  // store. A number being typed may be invalid (NaN, 150): fieldIssue checks each against
  // answersSchema, the schema the API validates with, and only valid answers are evaluated.
  const [values, setValues] = useState<Record<string, AnswerValue | undefined>>({});
  const answers = useMemo(() => keepValidAnswers(policy, values), [policy, values]);
  const outcome = useMemo(() => evaluate(policy, answers), [policy, answers]);
  const totalSteps = useMemo(() => plannedStepCount(policy, answers), [policy, answers]);
  const first = policy.questions[0]!.field;

  // null until the draft has been read after hydration (the server has no localStorage).
  const [requested, setRequested] = useState<View | null>(null);
  const [mustAnswer, setMustAnswer] = useState(false);
  const focusNext = useRef(false);
  const legendRef = useRef<HTMLLegendElement>(null);
  const reviewRef = useRef<HTMLHeadingElement>(null);

  // The step shown: the one asked for, unless the answers no longer lead there.
  const view: View =
    requested === null
      ? first
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
    const draft = loadDraft(policy);
    const linked = window.location.hash.replace(/^#question-/, "");
    if (draft) setValues(draft.answers);
    setRequested(
      policy.questions.some((q) => q.field === linked) ? linked : (draft?.view ?? first),
    );
  }, [policy, first]);
  /* eslint-enable react-hooks/set-state-in-effect */

  const restored = requested !== null;
  useEffect(() => {
    if (restored) saveDraft(policy, { answers, view });
  }, [policy, restored, answers, view]);

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
    (ids: readonly string[]) => ids.map((id) => passages[id]).filter((p) => p !== undefined),
    [passages],
  );
  const sectionOf = useCallback((p: Passage) => sectionLabel(policy.meta, p), [policy.meta]);

  const startOver = () => {
    if (!window.confirm("Clear every answer and start over?")) return;
    clearDraft(policy);
    setValues({});
    goTo(first);
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
          <ReviewStep
            policy={policy}
            outcome={outcome}
            onChange={goTo}
            headingRef={reviewRef}
            submitHref={submitHref}
          />
        ) : (
          <QuestionStep
            key={view}
            question={getQuestion(policy, view)}
            value={values[view]}
            answers={answers}
            onChange={(value) => {
              setMustAnswer(false);
              setValues((current) => ({ ...current, [view]: value }));
            }}
            error={
              fieldIssue(policy, view, values[view]) ??
              (mustAnswer ? "Choose an answer to continue." : undefined)
            }
            passages={lookup}
            sectionOf={sectionOf}
            documentHref={documentHref}
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
            policyId={policy.id}
            onImport={(imported) => {
              setValues(imported);
              goTo(evaluate(policy, imported).nextQuestion ?? "review");
            }}
          />
        ) : null}
      </form>

      <div className={view === "review" ? "print:hidden" : ""}>
        <OutcomePanel policy={policy} outcome={outcome} flowchart={flowchart} onGoTo={goTo} />
      </div>
    </div>
  );
}
