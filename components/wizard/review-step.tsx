import type { Ref } from "react";
import { askedEntries, type Evaluation } from "@/lib/policy/engine/evaluate";
import type { PolicyRules } from "@/lib/policy/engine/types";
import { DeterminationHeadline } from "./determination-headline";
import { decidingSentence } from "@/lib/policy/engine/deciding-sentence";
import { TraceList } from "./trace-list";

export function ReviewStep({
  policy,
  outcome,
  onChange,
  headingRef,
}: {
  policy: PolicyRules;
  outcome: Evaluation;
  onChange: (field: string) => void;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const { meta } = policy;
  return (
    <section aria-labelledby="review-heading">
      <p className="hidden print:block">
        {meta.documentType} {meta.number}, version {policy.version}, rules revision{" "}
        {outcome.policy.rulesRevision} — {meta.title}. Printed{" "}
        {new Date().toISOString().slice(0, 10)}.
      </p>
      <h2 id="review-heading" ref={headingRef} tabIndex={-1} className="text-xl font-semibold">
        Review
      </h2>
      {/* One grid per row with the same columns, so answers and "Change" line up row to row:
          question | answer | Change, and at narrow widths the question above its answer. */}
      <dl className="mt-4 divide-y divide-slate-200 border-y border-slate-200">
        {askedEntries(outcome).map((entry) => (
          <div
            key={entry.field}
            className="grid grid-cols-[minmax(0,1fr)_4.5rem] items-baseline gap-x-4 gap-y-1 py-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_4.5rem]"
          >
            <dt className="col-span-2 text-slate-700 sm:col-span-1">{entry.question}</dt>
            <dd className="font-medium">{entry.answerLabel}</dd>
            <dd className="print:hidden">
              <button
                type="button"
                className="text-blue-800 underline"
                onClick={() => onChange(entry.field)}
                aria-label={`Change: ${entry.question}`}
              >
                Change
              </button>
            </dd>
          </div>
        ))}
      </dl>
      <h3 className="mt-6 font-semibold">Determination</h3>
      <DeterminationHeadline policy={policy} evaluation={outcome} />
      <p className="mt-2">{decidingSentence(outcome)}</p>
      <h3 className="mt-6 font-semibold">How the policy was applied</h3>
      <TraceList policy={policy} outcome={outcome} />
    </section>
  );
}
