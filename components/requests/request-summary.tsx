import { PassageBody } from "@/components/passage-body";
import { TraceList } from "@/components/wizard/trace-list";
import { DeterminationHeadline } from "@/components/wizard/determination-headline";
import type { Evaluation } from "@/lib/policy/engine/evaluate";
import { gateName } from "@/lib/policy/engine/gate-name";
import type { Policy, PolicyRules } from "@/lib/policy/engine/types";
import { answersWithPassages } from "@/lib/requests/answers-with-passages";
import { TimedText } from "@/components/ui/timed-text";
import { requestDetailRows, type Timed } from "@/lib/requests/labels";
import type { StoredRequest } from "@/lib/requests/request-row";

/** The request's title and its PDF and FHIR exports, the same for the physician and the reviewer. */
export function RequestHeading({ reference }: { reference: string }) {
  return (
    <>
      <h1 className="text-2xl font-semibold">Request {reference}</h1>
      <p className="mt-2 print:hidden">
        <a href={`/requests/${reference}/summary.pdf`} download className="text-blue-800 underline">
          Download summary (PDF)
        </a>
        {" · "}
        <a href={`/api/requests/${reference}/fhir`} download className="text-blue-800 underline">
          Download as FHIR QuestionnaireResponse
        </a>
      </p>
    </>
  );
}

function Rows({ rows }: { rows: readonly [string, Timed][] }) {
  return rows.map(([term, value]) => (
    <div key={term} className="contents">
      <dt className="font-medium text-slate-700">{term}</dt>
      <dd>
        <TimedText value={value} />
      </dd>
    </div>
  ));
}

/**
 * What tells this case from another, first on both case pages: the patient, the service and its
 * CPT code, the diagnosis, the planned date (flagged when retrospective), urgency, when it is due.
 */
export function CaseSummary({
  request,
  policy,
}: {
  request: StoredRequest;
  policy: Pick<PolicyRules, "id" | "questions" | "meta">;
}) {
  const { summary } = requestDetailRows(request, policy);
  return (
    <section aria-labelledby="summary-heading" className="mt-4 rounded border border-slate-400 p-3">
      <h2 id="summary-heading" className="sr-only">
        Summary
      </h2>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[12rem_1fr]">
        <Rows rows={summary} />
      </dl>
      {request.retrospective ? (
        <p className="mt-2 rounded border-l-4 border-amber-700 bg-amber-50 p-2 text-sm">
          Retrospective request: the planned date of service was already past when it was submitted,
          so the service may have been given before this review.
        </p>
      ) : null}
    </section>
  );
}

/** The rest of the request's particulars, and its clinical notes. */
export function MoreDetails({
  request,
  policy,
}: {
  request: StoredRequest;
  policy: Pick<PolicyRules, "id" | "questions" | "meta">;
}) {
  const { more } = requestDetailRows(request, policy);
  return (
    <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[12rem_1fr]">
      <Rows rows={more} />
      <dt className="font-medium text-slate-700">Clinical notes</dt>
      <dd className="whitespace-pre-wrap">{request.clinicalNotes || "None"}</dd>
    </dl>
  );
}

export function DeterminationBlock({
  policy,
  evaluation,
}: {
  policy: PolicyRules;
  evaluation: Evaluation;
}) {
  const { decidedBy } = evaluation;
  return (
    <div>
      <DeterminationHeadline policy={policy} evaluation={evaluation} />
      <p className="mt-2">
        {gateName(decidedBy)}: {decidedBy.reason}
      </p>
      <p className="mt-1 text-sm text-slate-700">
        Read under policy version {evaluation.policy.version}, rules revision{" "}
        {evaluation.policy.rulesRevision}.
      </p>
      <h3 className="mt-4 font-semibold">How the policy was applied</h3>
      <TraceList policy={policy} outcome={evaluation} />
    </div>
  );
}

/** Every asked answer with the policy passages it rests on, quoted (each folded until opened). */
export function AnswersWithPassages({
  policy,
  evaluation,
}: {
  policy: Policy;
  evaluation: Evaluation;
}) {
  return (
    <ol className="mt-4 space-y-4">
      {answersWithPassages(policy, evaluation).map((item) => (
        <li key={item.field} className="rounded border border-slate-300 p-3">
          <p className="font-medium">{item.question}</p>
          <p>
            Answer: <strong>{item.answer}</strong>
          </p>
          <details className="mt-2">
            <summary className="cursor-pointer text-blue-800 underline">Cited policy text</summary>
            <div className="mt-2 space-y-3 text-sm [overflow-wrap:anywhere]">
              {item.passages.map(({ id, section, passage }) => (
                <blockquote key={id} className="border-l-4 border-blue-700 bg-slate-50 p-2">
                  <p className="font-semibold">
                    {section} ({id})
                  </p>
                  <PassageBody passage={passage} />
                </blockquote>
              ))}
            </div>
          </details>
        </li>
      ))}
    </ol>
  );
}
