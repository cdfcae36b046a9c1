"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { clearDraft, loadDraft, saveDraft, type View } from "@/lib/draft-storage";
import { fieldIssue, keepValidAnswers } from "@/lib/policy/engine/answers-schema";
import { countedAnswers, evaluate } from "@/lib/policy/engine/evaluate";
import type { FlowchartLayout } from "@/lib/policy/engine/flowchart";
import { sectionLabel } from "@/lib/policy/engine/passages";
import { getQuestion } from "@/lib/policy/engine/questions";
import { plannedStepCount } from "@/lib/policy/engine/steps";
import type { EhrPrefill } from "@/lib/policy/engine/ehr-codes";
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
  prefill,
  notice,
}: {
  /** The policy version asked, as data: the same engine reads any policy. */
  policy: PolicyRules;
  /** The passages the questions cite, by id. */
  passages: Record<string, Passage>;
  /** The policy document's page. */
  documentHref: string;
  /** Where the physician goes on to submit the request. */
  submitHref: string;
  /** The policy's decision flowcharts (one per service), laid out on the server. */
  flowchart: readonly FlowchartLayout[];
  /**
   * What was read from the EHR (a CRD card's launch): proposed answers, shown marked with the
   * codes behind them and each confirmed by the physician, and hints beside their questions.
   */
  prefill?: EhrPrefill;
  /** Said above the questions, rendered on the server (what the EHR filled in). */
  notice?: ReactNode;
}) {
  // The answers as entered: one typed value per question, so plain state is the whole form
  // store. A number being typed may be invalid (NaN, 150): fieldIssue checks each against
  // answersSchema, the schema the API validates with, and only valid answers are evaluated.
  const [values, setValues] = useState<Record<string, AnswerValue | undefined>>(
    prefill?.answers ?? {},
  );
  // Answers from the EHR stay marked until the physician confirms or changes each one; until then
  // they are neither kept in the draft nor past the review.
  const [fromEhr, setFromEhr] = useState<ReadonlySet<string>>(
    () => new Set(Object.keys(prefill?.answers ?? {})),
  );
  const [confirmed, setConfirmed] = useState<ReadonlySet<string>>(new Set());
  const answers = useMemo(() => keepValidAnswers(policy, values), [policy, values]);
  const outcome = useMemo(() => evaluate(policy, answers), [policy, answers]);
  // The answers that count for the case: an answer not offered for it (r3) counts as not given.
  const counted = useMemo(() => countedAnswers(outcome), [outcome]);
  const totalSteps = useMemo(() => plannedStepCount(policy, answers), [policy, answers]);
  const first = policy.questions[0]!.field;
  const isUnconfirmed = useCallback(
    (field: string) => fromEhr.has(field) && !confirmed.has(field),
    [fromEhr, confirmed],
  );
  const unconfirmed = outcome.asked.filter(isUnconfirmed);

  // null until the draft has been read after hydration (the server has no localStorage).
  const [requested, setRequested] = useState<View | null>(null);
  const [mustAnswer, setMustAnswer] = useState(false);
  // Whether the answers shown came from a draft saved in this browser: said, so that a physician
  // who came to start a new request knows where they are.
  const [resumed, setResumed] = useState(false);
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
          : (unconfirmed[0] ?? "review")
        : outcome.asked.includes(requested)
          ? requested
          : (outcome.nextQuestion ?? "review");

  // Reads the browser's draft once, after hydration: the server has no localStorage.
  /* eslint-disable react-hooks/set-state-in-effect */
  useEffect(() => {
    if (prefill) return setRequested(first);
    const draft = loadDraft(policy);
    const linked = window.location.hash.replace(/^#question-/, "");
    if (draft) setValues(draft.answers);
    setResumed(Object.keys(draft?.answers ?? {}).length > 0);
    setRequested(
      policy.questions.some((q) => q.field === linked) ? linked : (draft?.view ?? first),
    );
  }, [policy, first, prefill]);
  /* eslint-enable react-hooks/set-state-in-effect */

  const restored = requested !== null;
  useEffect(() => {
    if (!restored) return;
    const kept = Object.fromEntries(Object.entries(answers).filter(([f]) => !isUnconfirmed(f)));
    saveDraft(policy, { answers: kept, view });
  }, [policy, restored, answers, view, isUnconfirmed]);

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
    setResumed(false);
    setValues({});
    setFromEhr(new Set());
    goTo(first);
  };

  const index = view === "review" ? -1 : outcome.asked.indexOf(view);
  const isLast = index === outcome.asked.length - 1;
  const decided = outcome.determination !== "incomplete";
  const next = () => {
    if (view === "review") return;
    if (counted[view] === undefined) return setMustAnswer(true);
    if (isUnconfirmed(view)) return setMustAnswer(true);
    goTo(isLast ? "review" : outcome.asked[index + 1]!);
  };

  return (
    // Narrower than lg, a column whose last item, the outcome, sticks to the bottom of the screen
    // while the question is read (a grid item would stick only within its own row).
    <div className="flex flex-col gap-8 lg:grid lg:grid-cols-[minmax(0,1fr)_24rem]">
      <form
        noValidate
        aria-label="Coverage questions"
        data-ready={restored || undefined}
        onSubmit={(e) => {
          e.preventDefault();
          next();
        }}
      >
        {notice}
        {resumed ? (
          <p className="mb-6 rounded border-l-4 border-blue-800 bg-blue-50 p-3 print:hidden">
            These are your answers saved in this browser, not yet submitted: carry on where you left
            off, or choose Start over below to begin a new request.
          </p>
        ) : null}
        {view === "review" ? (
          <ReviewStep policy={policy} outcome={outcome} onChange={goTo} headingRef={reviewRef} />
        ) : (
          <QuestionStep
            key={view}
            question={getQuestion(policy, view)}
            value={values[view]}
            answers={counted}
            onChange={(value) => {
              setMustAnswer(false);
              setValues((current) => ({ ...current, [view]: value }));
              // A changed answer is the physician's own, no longer the EHR's.
              setFromEhr((current) => new Set([...current].filter((f) => f !== view)));
            }}
            hints={prefill?.hints.filter((h) => h.field === view) ?? []}
            ehr={
              fromEhr.has(view)
                ? {
                    evidence: prefill?.evidence[view] ?? [],
                    confirmed: confirmed.has(view),
                    onConfirm: (yes) => {
                      setMustAnswer(false);
                      setConfirmed((current) =>
                        yes
                          ? new Set([...current, view])
                          : new Set([...current].filter((f) => f !== view)),
                      );
                    },
                  }
                : undefined
            }
            error={
              fieldIssue(policy, view, values[view]) ??
              (mustAnswer
                ? isUnconfirmed(view)
                  ? "Confirm the answer from the EHR, or choose another, to continue."
                  : "Choose an answer to continue."
                : undefined)
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
              {/* The way on: physicians sign in there to submit the request. */}
              <Link href={submitHref} prefetch={false} className={primaryButton}>
                Continue to submit this request
              </Link>
              <button type="button" className={secondaryButton} onClick={() => window.print()}>
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
        {view === "review" ? (
          <p className="mt-2 text-sm text-slate-700 print:hidden">
            Physicians sign in to submit; the patient&apos;s details are asked there, not here.
          </p>
        ) : null}
        {view !== "review" && index === 0 ? (
          <FhirImport
            policyId={policy.id}
            onImport={(imported) => {
              setValues(imported);
              setFromEhr(new Set());
              goTo(evaluate(policy, imported).nextQuestion ?? "review");
            }}
          />
        ) : null}
      </form>

      <div className={`outcome-bar ${view === "review" ? "print:hidden" : ""}`}>
        <OutcomePanel
          policy={policy}
          outcome={outcome}
          started={Object.keys(answers).length > 0}
          flowchart={flowchart}
          onGoTo={goTo}
        />
      </div>
    </div>
  );
}
