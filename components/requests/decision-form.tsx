"use client";

import { useState } from "react";
import { field } from "@/components/ui/styles";
import type { DecisionSuggestion } from "@/lib/requests/suggested-decision";
import { PEND_DOCUMENTS } from "@/lib/request-model/pend-documents";
import { REVIEW_ACTION_CODES } from "@/lib/request-model/x12";
import type { DecisionChoice } from "@/lib/validations/decision";
import { QUESTION_LABEL, RATIONALE_LABEL } from "@/lib/validations/text-limits";
import { FieldError } from "@/components/ui/field-error";
import {
  AUTHORIZATION_FIELDS,
  AuthorizationFields,
  type AuthorizationDefaults,
} from "./authorization-fields";
import { StepForm } from "./step-form";

// In plain words; the X12 278 code each is sent as is for integrators, below the choices.
const CHOICES: { value: DecisionChoice; label: string }[] = [
  { value: "approve", label: "Approve (certified)" },
  { value: "deny", label: "Deny (not certified)" },
  {
    value: "recommend-denial",
    label: "Recommend a denial: a medical director decides it",
  },
  { value: "request-information", label: "Request more information (pended)" },
];

const FIELDS = {
  action: { label: "Decision", id: "decision-action" },
  criteria: { label: "Criteria that need documentation", id: "decision-criteria" },
  documents: { label: "What the EHR should send", id: "decision-criteria" },
  rationale: { label: "Rationale", id: "rationale" },
  ...AUTHORIZATION_FIELDS,
};

/**
 * The decision on a request, as the state machine offers it to the reader: a medical director
 * approves, denies or asks for information; a reviewer approves a medically necessary reading,
 * recommends a denial or asks for information. Posted to /api/requests/{reference}/decision like
 * every other step; nothing entered is lost when the server refuses it.
 */
export function DecisionForm({
  reference,
  version,
  suggestion,
  criteria,
  open,
  choices,
  overPas,
  authorization,
}: {
  reference: string;
  version: number;
  suggestion: DecisionSuggestion;
  /** The gates of the case's trace, by title: what a request for information may ask about. */
  criteria: readonly string[];
  /** Whether the reader may decide now; closed, only what the form last said remains. */
  open: boolean;
  /** The decisions open to the reader now (the state machine's steps). */
  choices: readonly DecisionChoice[];
  /**
   * The request came from the physician's EHR over PAS: a request for information asks, for each
   * criterion, what the EHR should send (it answers over CDex, not on this site).
   */
  overPas?: boolean;
  /** Where an approval's authorization starts and ends by default. */
  authorization: AuthorizationDefaults;
}) {
  const offered = CHOICES.filter((c) => choices.includes(c.value));
  const preset = offered.some((a) => a.value === suggestion.action) ? suggestion.action : undefined;
  const prefilled = Object.values(suggestion.rationales);
  const [chosen, setChosen] = useState<DecisionChoice | undefined>(preset);
  const [rationale, setRationale] = useState(preset ? (suggestion.rationales[preset] ?? "") : "");
  const asking = chosen === "request-information";
  const [checked, setChecked] = useState<ReadonlySet<string>>(
    () => new Set(suggestion.criterion ? [suggestion.criterion] : []),
  );

  return (
    <StepForm
      open={open}
      reference={reference}
      step="decision"
      version={version}
      title="Decide this request"
      submitLabel="Record decision"
      done="Decision saved."
      fields={{
        ...FIELDS,
        rationale: { ...FIELDS.rationale, label: asking ? QUESTION : "Rationale" },
      }}
    >
      {(errors) => (
        <>
          <fieldset
            id={FIELDS.action.id}
            aria-describedby={errors.action ? "action-error" : undefined}
          >
            <legend className="font-semibold">Decision</legend>
            {offered.map((a) => (
              <label key={a.value} className="mt-1 flex gap-2">
                <input
                  type="radio"
                  name="action"
                  value={a.value}
                  checked={chosen === a.value}
                  onChange={() => {
                    setChosen(a.value);
                    // Start from the reading's own words (a denial names its criterion and the
                    // policy's sentence) unless the reviewer has already written their own.
                    if (rationale.trim() === "" || prefilled.includes(rationale))
                      setRationale(suggestion.rationales[a.value] ?? "");
                  }}
                />
                {a.label}
              </label>
            ))}
            <FieldError id="action-error" error={errors.action} />
            <details className="mt-1 text-xs text-slate-700">
              <summary className="cursor-pointer">For integrators</summary>
              <p className="mt-1">
                X12 278 review action codes: approve {REVIEW_ACTION_CODES.approve}, deny{" "}
                {REVIEW_ACTION_CODES.deny}, request more information{" "}
                {REVIEW_ACTION_CODES["request-information"]}; a recommended denial stays{" "}
                {REVIEW_ACTION_CODES["request-information"]} (pended) until a medical director
                decides.
              </p>
            </details>
          </fieldset>
          {asking ? (
            <fieldset
              id={FIELDS.criteria.id}
              aria-describedby={errors.criteria ? "criteria-error" : undefined}
            >
              <legend className="font-semibold">Criteria that need documentation</legend>
              {overPas ? (
                <p id="documents-hint" className="mt-1 text-sm text-slate-700">
                  This request came from the physician&apos;s EHR. For each criterion you choose,
                  say what the EHR should send; it answers from the EHR, not on this site.
                </p>
              ) : null}
              {criteria.map((title) => {
                const k = [...checked].filter(
                  (c) => criteria.indexOf(c) < criteria.indexOf(title),
                ).length;
                const selectId = `document-${criteria.indexOf(title)}`;
                return (
                  <div key={title} className="mt-1">
                    <label className="flex gap-2">
                      <input
                        type="checkbox"
                        name="criteria"
                        value={title}
                        checked={checked.has(title)}
                        onChange={(e) => {
                          const next = new Set(checked);
                          if (e.target.checked) next.add(title);
                          else next.delete(title);
                          setChecked(next);
                        }}
                      />
                      {title}
                    </label>
                    {overPas && checked.has(title) ? (
                      <div className="mt-1 ml-6">
                        <label htmlFor={selectId} className="block text-sm font-medium">
                          What the EHR should send for “{title}”
                        </label>
                        <select
                          id={selectId}
                          name="documents"
                          defaultValue=""
                          aria-invalid={errors[`documents.${k}`] ? true : undefined}
                          aria-describedby={
                            errors[`documents.${k}`] ? `${selectId}-error` : "documents-hint"
                          }
                          className={field}
                        >
                          <option value="">Choose…</option>
                          {PEND_DOCUMENTS.map((d) => (
                            <option key={d.code} value={d.code}>
                              {d.label}
                            </option>
                          ))}
                        </select>
                        <FieldError id={`${selectId}-error`} error={errors[`documents.${k}`]} />
                      </div>
                    ) : null}
                  </div>
                );
              })}
              <FieldError id="criteria-error" error={errors.criteria} />
              <FieldError id="documents-error" error={errors.documents} />
            </fieldset>
          ) : null}
          {chosen === "approve" ? (
            <AuthorizationFields defaults={authorization} errors={errors} />
          ) : null}
          <div>
            <label htmlFor="rationale" className="block font-semibold">
              {asking ? QUESTION_LABEL : RATIONALE_LABEL}
            </label>
            <textarea
              id="rationale"
              name="rationale"
              rows={6}
              value={rationale}
              onChange={(e) => setRationale(e.target.value)}
              aria-invalid={errors.rationale ? true : undefined}
              aria-describedby={
                [
                  errors.rationale ? "rationale-error" : "",
                  asking && overPas ? "questions-hint" : "",
                ]
                  .filter(Boolean)
                  .join(" ") || undefined
              }
              className={`${field} w-full`}
            />
            {asking && overPas ? (
              <p id="questions-hint" className="mt-1 text-sm text-slate-700">
                One question a line: where the EHR is to answer with data, its form asks each line
                as one question.
              </p>
            ) : null}
            <FieldError id="rationale-error" error={errors.rationale} />
          </div>
        </>
      )}
    </StepForm>
  );
}

const QUESTION = "Question to the physician";
