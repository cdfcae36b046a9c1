import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AttachmentList } from "@/components/requests/attachment-list";
import { AuditTrail } from "@/components/requests/audit-trail";
import { AuthorizationBlock } from "@/components/requests/authorization-block";
import { CaseHistoryList } from "@/components/requests/case-history-list";
import { CaseStatus } from "@/components/requests/case-status";
import { AppealForm, ReplyForm, WithdrawForm } from "@/components/requests/loop-forms";
import {
  CaseSummary,
  DeterminationBlock,
  MoreDetails,
  RequestHeading,
} from "@/components/requests/request-summary";
import { requireRole } from "@/lib/auth/current-user";
import { rulesOf } from "@/lib/policy/engine/define-policy";
import { canRead } from "@/lib/requests/access";
import { physicianView } from "@/lib/requests/case-history";
import { openSteps } from "@/lib/requests/open-steps";
import { appealDue } from "@/lib/requests/due";
import { decidedReading } from "@/lib/requests/readings";
import { findRequest } from "@/lib/requests/repository";
import { appContext } from "@/lib/server/app-context";
import { isPastServiceDate } from "@/lib/validations/service-date";
import { caseFile } from "@/lib/server/case-file";

export const metadata: Metadata = { title: "Request" };

export default async function RequestPage({ params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const user = await requireRole(["physician"], `/requests/${reference}`);
  const { db } = await appContext();
  const request = await findRequest(db, reference);
  // Another physician's request is answered exactly like one that does not exist.
  if (!request || !canRead(user, request)) notFound();
  const file = await caseFile(db, request);
  const { policy, authorization } = file;
  const history = physicianView(file.history);
  const steps = openSteps(request, history.entries, user, policy);
  const target = { reference, version: request.version };
  const decided = decidedReading(policy, history.entries);
  // A standard appeal filed now would be due after the planned date: offer an expedited one.
  const standardDue = appealDue(new Date(), "standard").toISOString().slice(0, 10);
  return (
    <main id="main" className="mx-auto max-w-4xl p-4 sm:p-8">
      <RequestHeading reference={request.reference} />
      <CaseSummary request={request} policy={policy} />
      <CaseStatus request={request} entries={history.entries} />
      {authorization ? (
        <AuthorizationBlock
          authorization={authorization.record}
          issuedBy={authorization.issuedBy}
        />
      ) : null}
      {/* Always rendered, open or not, so each keeps what it said after the page is read again. */}
      <ReplyForm
        {...target}
        open={steps.includes("reply")}
        policy={rulesOf(policy)}
        answers={request.answers}
        serviceDate={request.serviceDate}
      />
      <AppealForm
        {...target}
        open={steps.includes("appeal")}
        policy={rulesOf(policy)}
        answers={request.answers}
        alreadyExpedited={request.urgency === "expedited"}
        expeditedOffer={
          standardDue > request.serviceDate && !isPastServiceDate(request.serviceDate)
            ? { standardDue, serviceDate: request.serviceDate }
            : undefined
        }
      />
      <h2 className="mt-8 text-xl font-semibold">Decisions and messages</h2>
      <CaseHistoryList reference={reference} policy={policy} entries={history.entries} />
      <h2 className="mt-8 text-xl font-semibold">{decided.heading}</h2>
      {decided.before ? <p className="mt-2">{decided.before}</p> : null}
      <DeterminationBlock policy={policy} evaluation={request.evaluation} />
      <h2 className="mt-8 text-xl font-semibold">Request details</h2>
      <MoreDetails request={request} policy={policy} />
      {history.submitted.length ? (
        <>
          <h2 className="mt-8 text-xl font-semibold">Files sent with the request</h2>
          <AttachmentList reference={reference} files={history.submitted} />
        </>
      ) : null}
      <WithdrawForm {...target} open={steps.includes("withdraw")} />
      <h2 className="mt-8 text-xl font-semibold">Audit trail</h2>
      <AuditTrail events={history.audit} />
    </main>
  );
}
