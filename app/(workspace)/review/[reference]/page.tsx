import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AttachmentList } from "@/components/requests/attachment-list";
import { AuditTrail } from "@/components/requests/audit-trail";
import { CaseHistoryList } from "@/components/requests/case-history-list";
import { CaseStatus } from "@/components/requests/case-status";
import { DecisionForm } from "@/components/requests/decision-form";
import { AppealDecisionForm, ExtensionForm } from "@/components/requests/loop-forms";
import {
  AnswersWithPassages,
  RequestHeading,
  DeterminationBlock,
  PatientDetails,
} from "@/components/requests/request-summary";
import { requireRole } from "@/lib/auth/current-user";
import { ReviewOverdueNotice } from "@/components/wizard/determination-headline";
import { CaseFlowchart } from "@/components/flowchart/case-flowchart";
import { flowchartLayout } from "@/lib/policy/engine/flowchart";
import { readingOfRequest } from "@/lib/server/reading-of-request";
import { suggestedDecision } from "@/lib/requests/suggested-decision";
import { caseHistory } from "@/lib/requests/case-history";
import { openSteps } from "@/lib/requests/open-steps";
import { reachedCriteria } from "@/lib/requests/pend-criteria";
import { viewRequest } from "@/lib/requests/repository";
import { pasOrigins } from "@/lib/pas/repository";
import { appContext } from "@/lib/server/app-context";
import { sentByAnotherSite } from "@/lib/http/cross-site";

export const metadata: Metadata = { title: "Review a request" };

export default async function ReviewCasePage({
  params,
}: {
  params: Promise<{ reference: string }>;
}) {
  const { reference } = await params;
  const user = await requireRole(["reviewer", "admin"], `/review/${reference}`);
  // A link on another site (or a sibling subdomain) opens nothing in the reviewer's name: no
  // patient data is read and no "viewed" row written until they open it from here.
  if (sentByAnotherSite(await headers())) return <OpenFromHere reference={reference} />;
  const { db } = await appContext();
  const request = await viewRequest(db, reference, user.id);
  if (!request) notFound();
  const [history, viaPas] = await Promise.all([
    caseHistory(db, request.id, reference),
    pasOrigins(db, [reference]),
  ]);
  const steps = openSteps(request, history.entries, user);
  const target = { reference, version: request.version };
  const deniedBySelf =
    request.status === "appealed" &&
    history.entries.findLast((e) => e.kind === "decision" && e.action === "deny")?.actor.id ===
      user.id;

  // The server's own reading of the stored answers, today, under the policy version the request
  // is judged under, beside what was stored at submission.
  const rereading = readingOfRequest(request);
  const { policy, stored, now } = rereading;

  return (
    <main id="main" className="mx-auto max-w-4xl p-4 sm:p-8">
      <RequestHeading reference={request.reference} />
      {viaPas.has(reference) ? (
        <p className="mt-1 text-sm text-slate-700">
          Received from the physician&apos;s EHR via PAS ({viaPas.get(reference)})
        </p>
      ) : null}
      <CaseStatus request={request} entries={history.entries} />
      <PatientDetails request={request} />
      {history.submitted.length ? (
        <>
          <h2 className="mt-8 text-xl font-semibold">Files sent with the request</h2>
          <AttachmentList reference={reference} files={history.submitted} />
        </>
      ) : null}

      <h2 className="mt-8 text-xl font-semibold">Determination, recomputed by the server</h2>
      <p className="mt-2 text-sm text-slate-700">
        Stored at submission under policy version {stored.policy.version}, rules revision{" "}
        {stored.policy.rulesRevision}: {stored.label} (gate {stored.decidedBy.step},{" "}
        {stored.decidedBy.title}). Read again below under {policy.meta.shortName} version{" "}
        {policy.version}, the version in force on the planned date of service, rules revision{" "}
        {now.policy.rulesRevision}.
      </p>
      {rereading.differs ? (
        <div
          role="alert"
          className="mt-2 rounded border-l-4 border-red-700 bg-red-50 p-3 text-red-900"
        >
          <p>
            This differs from the determination stored at submission: {stored.label} then (rules
            revision {stored.policy.rulesRevision}), {now.label} now (rules revision{" "}
            {now.policy.rulesRevision}). Review both before deciding.
          </p>
          <ul className="mt-1 list-disc pl-5">
            {rereading.explanation.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : (
        <div className="mt-2 text-sm text-slate-700">
          <p>Same as the determination stored at submission.</p>
          {rereading.explanation.map((line) => (
            <p key={line} className="mt-1">
              {line}
            </p>
          ))}
        </div>
      )}
      <DeterminationBlock policy={policy} evaluation={now} />
      <ReviewOverdueNotice policy={policy} />
      <CaseFlowchart
        id="review-flowchart"
        policy={policy}
        layout={flowchartLayout(policy)}
        evaluation={now}
      />

      <h2 className="mt-8 text-xl font-semibold">Answers and the policy text behind them</h2>
      <AnswersWithPassages policy={policy} evaluation={now} />

      <h2 className="mt-8 text-xl font-semibold">Decisions and messages</h2>
      <CaseHistoryList reference={reference} policy={policy} entries={history.entries} />
      {/* Always rendered, open or not, so each keeps what it said after the page is read again. */}
      <DecisionForm
        {...target}
        open={steps.includes("approve")}
        pendable={steps.includes("request-information")}
        suggestion={suggestedDecision(policy, now)}
        criteria={reachedCriteria(now)}
      />
      <AppealDecisionForm {...target} open={steps.includes("uphold")} />
      {deniedBySelf ? (
        <p className="mt-4 rounded border-l-4 border-amber-700 bg-amber-50 p-3">
          You denied this request, so another reviewer must decide its appeal.
        </p>
      ) : null}
      <ExtensionForm {...target} open={steps.includes("extend")} />

      <h2 className="mt-8 text-xl font-semibold">Audit trail</h2>
      <AuditTrail events={history.audit} />
    </main>
  );
}

function OpenFromHere({ reference }: { reference: string }) {
  return (
    <main id="main" className="mx-auto max-w-3xl p-4 sm:p-8">
      <h1 className="text-2xl font-semibold">Open request {reference.slice(0, 20)}?</h1>
      <p className="mt-4">
        You followed a link from another site. Nothing of the request has been opened yet, and
        nothing is recorded in your name until you open it here.
      </p>
      <p className="mt-4">
        <Link href={`/review/${encodeURIComponent(reference)}`} className="text-blue-800 underline">
          Open request {reference.slice(0, 20)}
        </Link>
      </p>
    </main>
  );
}
