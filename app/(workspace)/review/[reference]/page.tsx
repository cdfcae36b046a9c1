import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuditTrail } from "@/components/requests/audit-trail";
import { DecisionForm } from "@/components/requests/decision-form";
import { DecisionList } from "@/components/requests/decision-list";
import {
  AnswersWithPassages,
  RequestHeading,
  DeterminationBlock,
  PatientDetails,
} from "@/components/requests/request-summary";
import { requireRole } from "@/lib/auth/current-user";
import { evaluate } from "@/lib/policy/evaluate";
import { POLICY } from "@/lib/policy/policy-meta";
import { auditTrail, decisionsFor, viewRequest } from "@/lib/requests/repository";
import { appContext } from "@/lib/server/app-context";

export const metadata: Metadata = { title: "Review a request" };

export default async function ReviewCasePage({
  params,
}: {
  params: Promise<{ reference: string }>;
}) {
  const { reference } = await params;
  const user = await requireRole(["reviewer", "admin"], `/review/${reference}`);
  const { db } = await appContext();
  const request = await viewRequest(db, reference, user.id);
  if (!request) notFound();
  const [decisions, audit] = await Promise.all([
    decisionsFor(db, reference),
    auditTrail(db, reference),
  ]);

  // The server's own reading of the stored answers, today, beside what was stored at submission.
  const now = evaluate(request.answers);
  const differs =
    now.determination !== request.evaluation.determination ||
    now.decidedBy.field !== request.evaluation.decidedBy.field ||
    now.policy.version !== request.policyVersion;
  const gate = now.trace.find((t) => t.field === now.decidedBy.field);
  const denialReason =
    `Not certified under ${POLICY.documentType} ${POLICY.number} (version ${now.policy.version}), ` +
    `gate ${now.decidedBy.step}, ${gate?.title}: ${now.decidedBy.reason} ` +
    `Policy text: ${now.decidedBy.cites.join(", ")}.`;

  return (
    <main id="main" className="mx-auto max-w-4xl p-4 sm:p-8">
      <RequestHeading reference={request.reference} />
      <PatientDetails request={request} />

      <h2 className="mt-8 text-xl font-semibold">Determination, recomputed by the server</h2>
      {differs ? (
        <p
          role="alert"
          className="mt-2 rounded border-l-4 border-red-700 bg-red-50 p-3 text-red-900"
        >
          This differs from the determination stored at submission ({request.evaluation.label}, gate{" "}
          {request.evaluation.decidedBy.step}, policy version {request.policyVersion}). Review both
          before deciding.
        </p>
      ) : (
        <p className="mt-2 text-sm text-slate-700">
          Same as the determination stored at submission.
        </p>
      )}
      <DeterminationBlock evaluation={now} />

      <h2 className="mt-8 text-xl font-semibold">Answers and the policy text behind them</h2>
      <AnswersWithPassages evaluation={now} />

      <h2 className="mt-8 text-xl font-semibold">Decision</h2>
      <DecisionList decisions={decisions} />
      <DecisionForm
        reference={request.reference}
        version={request.version}
        denialReason={denialReason}
      />

      <h2 className="mt-8 text-xl font-semibold">Audit trail</h2>
      <AuditTrail events={audit} />
    </main>
  );
}
