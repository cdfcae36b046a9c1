"use client";

import { useActionState, useState } from "react";
import { decideRequestAction, type DecideState } from "@/app/actions/decide-request";
import { field, primaryButton } from "@/components/ui/styles";
import type { DecisionSuggestion } from "@/lib/requests/suggested-decision";
import { RATIONALE_LABEL } from "@/lib/validations/decision";

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
}: {
  reference: string;
  version: number;
  suggestion: DecisionSuggestion;
}) {
  const [state, action, pending] = useActionState<DecideState, FormData>(decideRequestAction, {});
  const prefilled = Object.values(suggestion.rationales);
  const [rationale, setRationale] = useState(
    suggestion.action ? (suggestion.rationales[suggestion.action] ?? "") : "",
  );

  return (
    <form action={action} className="mt-4 space-y-4 rounded border border-slate-300 p-4" noValidate>
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="expectedVersion" value={version} />
      <fieldset aria-describedby={state.errors?.action ? "action-error" : undefined}>
        <legend className="font-semibold">Decision</legend>
        {ACTIONS.map((a) => (
          <label key={a.value} className="mt-1 flex gap-2">
            <input
              type="radio"
              name="action"
              value={a.value}
              defaultChecked={suggestion.action === a.value}
              onChange={() => {
                // Start from the reading's own words (a denial names its gate and passage) unless
                // the reviewer has already written their own.
                if (rationale.trim() === "" || prefilled.includes(rationale))
                  setRationale(suggestion.rationales[a.value] ?? "");
              }}
            />
            {a.label} (X12 278 {a.code}, {a.meaning})
          </label>
        ))}
        {state.errors?.action ? (
          <p id="action-error" className="text-sm font-medium text-red-800">
            {state.errors.action}
          </p>
        ) : null}
      </fieldset>
      <div>
        <label htmlFor="rationale" className="block font-semibold">
          {RATIONALE_LABEL}
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
        {state.errors?.rationale ? (
          <p id="rationale-error" className="text-sm font-medium text-red-800">
            {state.errors.rationale}
          </p>
        ) : null}
      </div>
      <div role="status">
        {state.formError ? <p className="font-medium text-red-800">{state.formError}</p> : null}
        {state.decided ? <p className="font-medium text-green-800">Decision saved.</p> : null}
      </div>
      <button type="submit" disabled={pending} className={primaryButton}>
        Record decision
      </button>
    </form>
  );
}
