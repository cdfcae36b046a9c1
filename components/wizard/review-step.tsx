import Link from "next/link";
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
  submitHref,
}: {
  policy: PolicyRules;
  outcome: Evaluation;
  onChange: (field: string) => void;
  headingRef: Ref<HTMLHeadingElement>;
  submitHref: string;
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
      <dl className="mt-4 divide-y divide-slate-200 border-y border-slate-200">
        {askedEntries(outcome).map((entry) => (
          <div key={entry.field} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 py-3">
            <dt className="w-full text-slate-700 sm:w-1/2">{entry.question}</dt>
            <dd className="grow font-medium">{entry.answerLabel}</dd>
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
      <p className="mt-6 print:hidden">
        <Link href={submitHref} prefetch={false} className="font-medium text-blue-800 underline">
          Continue to submit this request
        </Link>{" "}
        (physicians sign in; the patient&apos;s details are asked there, not here).
      </p>
    </section>
  );
}
