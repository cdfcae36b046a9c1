"use client";

import { useActionState, useState } from "react";
import { decideRequestAction, type DecideState } from "@/app/actions/decide-request";
import { field, primaryButton } from "@/components/ui/styles";
import type { DecisionSuggestion } from "@/lib/requests/suggested-decision";
import { QUESTION_LABEL, RATIONALE_LABEL } from "@/lib/validations/text-limits";
import { FieldError } from "@/components/ui/field-error";

const ACTIONS = [
  { value: "approve", label: "Approve", code: "A1", meaning: "certified" },
  { value: "deny", label: "Deny", code: "A3", meaning: "not certified" },
  {
    value: "request-information",
    label: "Request more information",
    code: "A4",
    meaning: "pended",
  },
] as const;

export function DecisionForm({
  reference,
  version,
  suggestion,
  criteria,
  open,
  pendable,
}: {
  reference: string;
  version: number;
  suggestion: DecisionSuggestion;
  /** The gates of the case's trace, by title: what a request for information may ask about. */
  criteria: readonly string[];
  /** Whether the request waits for a decision; closed, only what the form last said remains. */
  open: boolean;
  /** False for a request an EHR sent over PAS: nobody could answer a request for information. */
  pendable: boolean;
}) {
  const [state, action, pending] = useActionState<DecideState, FormData>(decideRequestAction, {});
  const actions = pendable ? ACTIONS : ACTIONS.filter((a) => a.value !== "request-information");
  const preset = actions.some((a) => a.value === suggestion.action) ? suggestion.action : undefined;
  const prefilled = Object.values(suggestion.rationales);
  const [chosen, setChosen] = useState<string | undefined>(preset);
  const [rationale, setRationale] = useState(preset ? (suggestion.rationales[preset] ?? "") : "");

  const status = (
    <div role="status">
      {state.formError ? <p className="font-medium text-red-800">{state.formError}</p> : null}
      {state.decided ? <p className="font-medium text-green-800">Decision saved.</p> : null}
    </div>
  );
  if (!open) return state.decided || state.formError ? <div className="mt-4">{status}</div> : null;
  return (
    <form action={action} className="mt-4 space-y-4 rounded border border-slate-300 p-4" noValidate>
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="expectedVersion" value={version} />
      <fieldset aria-describedby={state.errors?.action ? "action-error" : undefined}>
        <legend className="font-semibold">Decision</legend>
        {pendable ? null : (
          <p id="not-pendable" className="mt-1 text-sm text-slate-700">
            This request came from the physician&apos;s EHR over PAS, which cannot answer a request
            for more information here: approve or deny it, and contact the practice first if
            documents are missing.
          </p>
        )}
        {actions.map((a) => (
          <label key={a.value} className="mt-1 flex gap-2">
            <input
              type="radio"
              name="action"
              value={a.value}
              defaultChecked={preset === a.value}
              onChange={() => {
                setChosen(a.value);
                // Start from the reading's own words (a denial names its gate and passage) unless
                // the reviewer has already written their own.
                if (rationale.trim() === "" || prefilled.includes(rationale))
                  setRationale(suggestion.rationales[a.value] ?? "");
              }}
            />
            {a.label} (X12 278 {a.code}, {a.meaning})
          </label>
        ))}
        <FieldError id="action-error" error={state.errors?.action} />
      </fieldset>
      {chosen === "request-information" ? (
        <fieldset aria-describedby={state.errors?.criteria ? "criteria-error" : undefined}>
          <legend className="font-semibold">Criteria that need documentation</legend>
          {criteria.map((title) => (
            <label key={title} className="mt-1 flex gap-2">
              <input
                type="checkbox"
                name="criteria"
                value={title}
                defaultChecked={title === suggestion.criterion}
              />
              {title}
            </label>
          ))}
          <FieldError id="criteria-error" error={state.errors?.criteria} />
        </fieldset>
      ) : null}
      <div>
        <label htmlFor="rationale" className="block font-semibold">
          {chosen === "request-information" ? QUESTION_LABEL : RATIONALE_LABEL}
        </label>
        <textarea
          id="rationale"
          name="rationale"
          rows={6}
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          aria-invalid={state.errors?.rationale ? true : undefined}
          aria-describedby={state.errors?.rationale ? "rationale-error" : undefined}
          className={`${field} w-full`}
        />
        <FieldError id="rationale-error" error={state.errors?.rationale} />
      </div>
      {status}
      <button type="submit" disabled={pending} className={primaryButton}>
        Record decision
      </button>
    </form>
  );
}
