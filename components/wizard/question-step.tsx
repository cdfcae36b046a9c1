"use client";

import { lazy, Suspense, useId, useState, type Ref } from "react";
import {
  citationsFor,
  isOffered,
  optionHelp,
  questionHelp,
  questionText,
} from "@/lib/policy/engine/questions";
import type { EhrEvidence, EhrHint } from "@/lib/policy/engine/ehr-codes";
import type {
  AnswerValue,
  Answers,
  BesideQuote as BesideQuoteData,
  Passage,
  Question,
} from "@/lib/policy/engine/types";
import { typedNumber } from "@/lib/policy/engine/typed-number";

import { field } from "@/components/ui/styles";

// Loaded when a physician first opens it: the passage renderer stays out of the page's first load.
const PolicyTextPanel = lazy(() =>
  import("./policy-text-panel").then((m) => ({ default: m.PolicyTextPanel })),
);

export function QuestionStep({
  question,
  value,
  answers,
  onChange,
  error,
  passages,
  sectionOf,
  documentHref,
  legendRef,
  stepText,
  hints,
  ehr,
}: {
  question: Question;
  value: AnswerValue | undefined;
  /** The case's valid answers, for the wording, help and options that depend on them. */
  answers: Answers;
  onChange: (value: AnswerValue | undefined) => void;
  error?: string;
  passages: (ids: readonly string[]) => Passage[];
  /** Where a passage sits in its document, for its heading. */
  sectionOf: (passage: Passage) => string;
  /** The policy document's page, where each passage has its anchor. */
  documentHref: string;
  legendRef: Ref<HTMLLegendElement>;
  stepText: string;
  /** Hints from the EHR for this question: shown beside it, never an answer. */
  hints: readonly EhrHint[];
  /** The answer came from the EHR: marked, with its codes, until the physician confirms it. */
  ehr?: {
    evidence: readonly EhrEvidence[];
    confirmed: boolean;
    onConfirm: (confirmed: boolean) => void;
  };
}) {
  const [showPolicy, setShowPolicy] = useState(false);
  const uid = useId();
  const helpId = `${uid}-help`;
  const errorId = `${uid}-error`;
  const panelId = `${uid}-policy`;
  const ehrId = `${uid}-ehr`;
  const hintsId = `${uid}-hints`;
  const text = questionText(question, answers);
  const help = questionHelp(question, answers);
  const describedBy = [
    help.length ? helpId : "",
    hints.length ? hintsId : "",
    ehr ? ehrId : "",
    error ? errorId : "",
  ]
    .join(" ")
    .trim();

  return (
    <fieldset id={`question-${question.field}`} aria-describedby={describedBy || undefined}>
      <p className="text-sm font-medium text-slate-700">{stepText}</p>
      <legend
        ref={legendRef}
        tabIndex={-1}
        className="float-left w-full text-xl font-semibold text-slate-900"
      >
        {text}
      </legend>
      <div className="clear-both" />
      {help.length ? (
        <p id={helpId} className="mt-2 text-slate-700">
          {help.join(" ")}
        </p>
      ) : null}

      {hints.length ? (
        <div id={hintsId} className="mt-3 rounded border-l-4 border-sky-700 bg-sky-50 p-3">
          <p className="font-semibold">From the EHR — a hint, not an answer</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {hints.map((hint) => (
              <li key={hint.text}>
                {hint.text} <EvidenceDetails evidence={hint.evidence} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {ehr ? (
        <div className="mt-3 rounded border-l-4 border-amber-600 bg-amber-50 p-3">
          <div id={ehrId}>
            <p>
              <strong>From the EHR — confirm.</strong> This answer was filled in from the
              patient&apos;s record in the EHR. Check it, then confirm it or choose another answer.
            </p>
            {ehr.evidence.length ? (
              <ul className="mt-1 list-disc pl-5">
                {ehr.evidence.map((e) => (
                  <li key={`${e.system} ${e.code} ${e.date}`}>
                    EHR code {e.code} “{e.title}” <EvidenceDetails evidence={[e]} />
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
          <label className="mt-2 flex items-center gap-2 font-medium">
            <input
              type="checkbox"
              className="size-4 accent-blue-700"
              checked={ehr.confirmed}
              onChange={(e) => ehr.onConfirm(e.target.checked)}
            />
            I confirm this answer from the EHR
          </label>
        </div>
      ) : null}

      {question.kind === "choice" ? (
        <div className="mt-4 space-y-2">
          {/* Only the options offered for this case (r3: no "enhance chimerism" after an
              autologous HSCT); an answer given anyway shows no option chosen. */}
          {question.options
            .filter((option) => isOffered(option, answers))
            .map((option) => {
              const id = `${uid}-${String(option.value)}`;
              const optionHelpId = `${id}-help`;
              const help = optionHelp(option, answers);
              return (
                <div
                  key={String(option.value)}
                  className="rounded border border-slate-300 p-3 has-[:checked]:border-blue-700 has-[:checked]:bg-blue-50"
                >
                  <div className="flex items-start gap-3">
                    <input
                      id={id}
                      type="radio"
                      name={question.field}
                      className="mt-1 size-4 shrink-0 accent-blue-700"
                      checked={value === option.value}
                      onChange={() => onChange(option.value)}
                      aria-describedby={help.length ? optionHelpId : undefined}
                    />
                    <label htmlFor={id} className="grow cursor-pointer">
                      {option.label}
                      {option.cpt ? (
                        <span className="ml-2 text-sm text-slate-700">CPT {option.cpt}</span>
                      ) : null}
                      {ehr && value === option.value ? (
                        <span className="ml-2 rounded bg-amber-100 px-1 text-sm font-semibold text-amber-900">
                          From the EHR — {ehr.confirmed ? "confirmed" : "confirm"}
                        </span>
                      ) : null}
                    </label>
                  </div>
                  {help.length ? (
                    <p id={optionHelpId} className="mt-1 pl-7 text-sm text-slate-700">
                      {help.join(" ")}
                    </p>
                  ) : null}
                  {option.beside ? (
                    <BesideQuote
                      beside={option.beside}
                      section={passages([option.beside.passage]).map(sectionOf)[0]}
                    />
                  ) : null}
                </div>
              );
            })}
        </div>
      ) : (
        <NumberAnswer
          id={`${uid}-number`}
          label={`${question.inputLabel} (${question.unit}, ${question.min} to ${question.max})`}
          unit={question.unit}
          value={value as number | undefined}
          onChange={onChange}
          errorId={error ? errorId : undefined}
        />
      )}

      {error ? (
        <p id={errorId} className="mt-2 font-medium text-red-800">
          {error}
        </p>
      ) : null}

      <div className="mt-4 print:hidden">
        <button
          type="button"
          className="text-blue-800 underline"
          aria-expanded={showPolicy}
          aria-controls={panelId}
          onClick={() => setShowPolicy((s) => !s)}
        >
          Show policy text
        </button>
        {showPolicy ? (
          // The fallback carries the panel's id: the button controls it while the panel loads.
          <Suspense
            fallback={
              <p id={panelId} className="mt-3 text-sm">
                Loading the policy text…
              </p>
            }
          >
            <PolicyTextPanel
              id={panelId}
              question={text}
              passages={passages(citationsFor(question, value, answers))}
              sectionOf={sectionOf}
              documentHref={documentHref}
            />
          </Suspense>
        ) : null}
      </div>
    </fieldset>
  );
}

/** A code's date, and the EHR's own text for it as secondary, escaped text. */
function EvidenceDetails({ evidence }: { evidence: readonly EhrEvidence[] }) {
  return evidence.map((e) => (
    <span key={`${e.code} ${e.date}`} className="text-sm text-slate-700">
      ({e.date ?? "date not recorded"}
      {e.display ? `; the EHR says “${e.display}”` : ""})
    </span>
  ));
}

/** A sentence of the policy beside an option: background not adopted, or one to weigh; never support. */
function BesideQuote({
  beside,
  section,
}: {
  beside: BesideQuoteData;
  section: string | undefined;
}) {
  return (
    <div className="mt-2 ml-7 border-l-4 border-slate-400 pl-2 text-sm text-slate-700">
      <p>{beside.why}</p>
      <blockquote className="mt-1 italic">
        “{beside.quote}…” ({section ?? beside.passage})
      </blockquote>
    </div>
  );
}

function NumberAnswer({
  id,
  label,
  unit,
  value,
  onChange,
  errorId,
}: {
  id: string;
  label: string;
  unit: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  errorId?: string;
}) {
  // The text as typed, so "99." or "abc" stay on screen while the form holds a number or nothing.
  const [text, setText] = useState(value === undefined || Number.isNaN(value) ? "" : String(value));
  return (
    <div className="mt-4">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        className={`${field} w-32`}
        value={text}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        onChange={(e) => {
          setText(e.target.value);
          onChange(typedNumber(e.target.value, unit));
        }}
      />
      {/* A lab's "<1%" or ">99%" is not a number; the question's help says what to enter. */}
      {errorId && /^\s*[<>]/.test(text) ? (
        <p className="mt-1 text-sm text-slate-800">
          “{text.trim()}” is a range, not a number: enter the number the help above gives for it.
        </p>
      ) : null}
    </div>
  );
}
