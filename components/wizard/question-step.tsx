"use client";

import { useId, useState, type Ref } from "react";
import { allHold } from "@/lib/policy/engine/conditions";
import { citationsFor } from "@/lib/policy/engine/questions";
import type {
  AnswerOption,
  AnswerValue,
  Answers,
  Passage,
  Question,
} from "@/lib/policy/engine/types";
import { PolicyTextPanel } from "./policy-text-panel";
import { field } from "@/components/ui/styles";

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
  ehr,
}: {
  question: Question;
  value: AnswerValue | undefined;
  /** The case's valid answers, for help that depends on them. */
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
  /** The answer came from the EHR: marked until the physician confirms it or chooses another. */
  ehr?: { confirmed: boolean; onConfirm: (confirmed: boolean) => void };
}) {
  const [showPolicy, setShowPolicy] = useState(false);
  const uid = useId();
  const helpId = `${uid}-help`;
  const errorId = `${uid}-error`;
  const panelId = `${uid}-policy`;
  const ehrId = `${uid}-ehr`;
  const describedBy = [question.help ? helpId : "", ehr ? ehrId : "", error ? errorId : ""]
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
        {question.text}
      </legend>
      <div className="clear-both" />
      {question.help ? (
        <p id={helpId} className="mt-2 text-slate-700">
          {question.help}
        </p>
      ) : null}

      {ehr ? (
        <div className="mt-3 rounded border-l-4 border-amber-600 bg-amber-50 p-3">
          <p id={ehrId}>
            <strong>From the EHR — confirm.</strong> This answer was filled in from the
            patient&apos;s record in the EHR. Check it, then confirm it or choose another answer.
          </p>
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
          {question.options.map((option) => {
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
                {option.notAdopted ? (
                  <NotAdoptedQuote
                    notAdopted={option.notAdopted}
                    section={passages([option.notAdopted.passage]).map(sectionOf)[0]}
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
          <PolicyTextPanel
            id={panelId}
            question={question.text}
            passages={passages(citationsFor(question, value))}
            sectionOf={sectionOf}
            documentHref={documentHref}
          />
        ) : null}
      </div>
    </fieldset>
  );
}

/** An option's help: always, and the part that depends on the case when it applies. */
function optionHelp(option: AnswerOption, answers: Answers): string[] {
  const conditional = option.helpWhen && allHold(option.helpWhen.when, answers);
  return [option.help, conditional ? option.helpWhen!.text : undefined].filter(
    (text): text is string => text !== undefined,
  );
}

/** A background sentence the coverage statements do not adopt: shown, marked, never support. */
function NotAdoptedQuote({
  notAdopted,
  section,
}: {
  notAdopted: NonNullable<AnswerOption["notAdopted"]>;
  section: string | undefined;
}) {
  return (
    <div className="mt-2 ml-7 border-l-4 border-slate-400 pl-2 text-sm text-slate-700">
      <p>{notAdopted.why}</p>
      <blockquote className="mt-1 italic">
        “{notAdopted.quote}…” ({section ?? notAdopted.passage})
      </blockquote>
    </div>
  );
}

function NumberAnswer({
  id,
  label,
  value,
  onChange,
  errorId,
}: {
  id: string;
  label: string;
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
          const trimmed = e.target.value.trim();
          // Plain decimals only: Number() would also take "0x10" or "1e2".
          if (trimmed === "") onChange(undefined);
          else onChange(/^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN);
        }}
      />
    </div>
  );
}
