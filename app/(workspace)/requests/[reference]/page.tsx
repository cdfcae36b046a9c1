import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AttachmentList } from "@/components/requests/attachment-list";
import { AuditTrail } from "@/components/requests/audit-trail";
import { CaseHistoryList } from "@/components/requests/case-history-list";
import { CaseStatus } from "@/components/requests/case-status";
import { AppealForm, ReplyForm, WithdrawForm } from "@/components/requests/loop-forms";
import {
  DeterminationBlock,
  PatientDetails,
  RequestHeading,
} from "@/components/requests/request-summary";
import { requireRole } from "@/lib/auth/current-user";
import { rulesOf } from "@/lib/policy/engine/define-policy";
import { canRead } from "@/lib/requests/access";
import { caseHistory } from "@/lib/requests/case-history";
import { openSteps } from "@/lib/requests/open-steps";
import { findRequest } from "@/lib/requests/repository";
import { appContext } from "@/lib/server/app-context";
import { policyOfRequest } from "@/lib/server/policies";

export const metadata: Metadata = { title: "Request" };

export default async function RequestPage({ params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const user = await requireRole(["physician"], `/requests/${reference}`);
  const { db } = await appContext();
  const request = await findRequest(db, reference);
  // Another physician's request is answered exactly like one that does not exist.
  if (!request || !canRead(user, request)) notFound();
  const history = await caseHistory(db, request.id, reference);
  const steps = openSteps(request, history.entries, user);
  const policy = policyOfRequest(request);
  const target = { reference, version: request.version };
  return (
    <main id="main" className="mx-auto max-w-4xl p-4 sm:p-8">
      <RequestHeading reference={request.reference} />
      <CaseStatus request={request} entries={history.entries} />
      {/* Always rendered, open or not, so each keeps what it said after the page is read again. */}
      <ReplyForm
        {...target}
        open={steps.includes("reply")}
        policy={rulesOf(policy)}
        answers={request.answers}
      />
      <AppealForm {...target} open={steps.includes("appeal")} />
      <PatientDetails request={request} />
      {history.submitted.length ? (
        <>
          <h2 className="mt-8 text-xl font-semibold">Files sent with the request</h2>
          <AttachmentList reference={reference} files={history.submitted} />
        </>
      ) : null}
      <h2 className="mt-8 text-xl font-semibold">Decisions and messages</h2>
      <CaseHistoryList reference={reference} policy={policy} entries={history.entries} />
      <h2 className="mt-8 text-xl font-semibold">
        {history.entries.some((e) => e.kind === "reply" && e.detail.corrected)
          ? "Determination with the corrected answers"
          : "Determination at submission"}
      </h2>
      <DeterminationBlock policy={policy} evaluation={request.evaluation} />
      <WithdrawForm {...target} open={steps.includes("withdraw")} />
      <h2 className="mt-8 text-xl font-semibold">Audit trail</h2>
      <AuditTrail events={history.audit} />
    </main>
  );
}
