import Link from "next/link";
import type { Ref } from "react";
import { askedEntries, type Evaluation } from "@/lib/policy/evaluate";
import type { Field } from "@/lib/policy/fields";
import { POLICY } from "@/lib/policy/policy-meta";
import { getQuestion } from "@/lib/policy/questions";
import { DeterminationHeadline } from "./determination-headline";
import { decidingSentence } from "./outcome-panel";
import { TraceList } from "./trace-list";

export function ReviewStep({
  outcome,
  onChange,
  headingRef,
}: {
  outcome: Evaluation;
  onChange: (field: Field) => void;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  return (
    <section aria-labelledby="review-heading">
      <p className="hidden print:block">
        {POLICY.documentType} {POLICY.number}, version {POLICY.version}, rules revision{" "}
        {outcome.policy.rulesRevision} — {POLICY.title}. Printed{" "}
        {new Date().toISOString().slice(0, 10)}.
      </p>
      <h2 id="review-heading" ref={headingRef} tabIndex={-1} className="text-xl font-semibold">
        Review
      </h2>
      <dl className="mt-4 divide-y divide-slate-200 border-y border-slate-200">
        {askedEntries(outcome).map((entry) => (
          <div key={entry.field} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 py-3">
            <dt className="w-full text-slate-700 sm:w-1/2">{getQuestion(entry.field).text}</dt>
            <dd className="grow font-medium">{entry.answerLabel}</dd>
            <dd className="print:hidden">
              <button
                type="button"
                className="text-blue-800 underline"
                onClick={() => onChange(entry.field)}
                aria-label={`Change: ${getQuestion(entry.field).text}`}
              >
                Change
              </button>
            </dd>
          </div>
        ))}
      </dl>
      <h3 className="mt-6 font-semibold">Determination</h3>
      <DeterminationHeadline evaluation={outcome} />
      <p className="mt-2">{decidingSentence(outcome)}</p>
      <h3 className="mt-6 font-semibold">How the policy was applied</h3>
      <TraceList outcome={outcome} />
      <p className="mt-6 print:hidden">
        <Link href="/requests/new" prefetch={false} className="font-medium text-blue-800 underline">
          Continue to submit this request
        </Link>{" "}
        (physicians sign in; the patient&apos;s details are asked there, not here).
      </p>
    </section>
  );
}
