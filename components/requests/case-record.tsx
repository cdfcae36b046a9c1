import type { ReactNode } from "react";
import type { OpenCase } from "@/lib/server/open-case";
import { AttachmentList } from "./attachment-list";
import { AuditTrail } from "./audit-trail";
import { AuthorizationBlock } from "./authorization-block";
import { CaseHistoryList } from "./case-history-list";
import { CaseStatus } from "./case-status";
import { CaseSummary, MoreDetails, RequestHeading } from "./request-summary";

/**
 * The skeleton both case pages share (the physician's /requests/<ref> and the reviewer's
 * /review/<ref>): the heading, summary, status and authorization, then the steps the reader may
 * take, then the decisions and messages, the reading, the details, the files sent with the
 * request and the audit trail. Each page fills in its own parts.
 */
export function CaseRecord({
  opened,
  lead,
  actions,
  actionsBeside = false,
  reading,
  more,
}: {
  opened: OpenCase;
  /** Above the summary: where the request came from, what disagrees with it. */
  lead?: ReactNode;
  /** The forms of the steps the reader may take, right after the summary. */
  actions: ReactNode;
  /** Put the actions beside the case on a wide screen (the reviewer's decision panel). */
  actionsBeside?: boolean;
  /** The reading of the answers: the heading and what the page says of it. */
  reading: ReactNode;
  /** After the files sent with the request, before the audit trail. */
  more?: ReactNode;
}) {
  const { request, policy, history, authorization } = opened;
  const { reference } = request;
  return (
    <main id="main" className={`mx-auto p-4 sm:p-8 ${actionsBeside ? "max-w-7xl" : "max-w-4xl"}`}>
      <RequestHeading reference={reference} />
      <div
        className={
          actionsBeside ? "lg:grid lg:grid-cols-[minmax(0,1fr)_26rem] lg:gap-x-8" : undefined
        }
      >
        <div className="min-w-0">
          {lead}
          <CaseSummary request={request} policy={policy} />
          <CaseStatus
            request={request}
            entries={history.entries}
            recommended={opened.recommendedDenial}
          />
          {authorization ? (
            <AuthorizationBlock
              authorization={authorization.record}
              issuedBy={authorization.issuedBy}
            />
          ) : null}
        </div>
        {actions}
        <div className="min-w-0 lg:col-start-1">
          <h2 className="mt-8 text-xl font-semibold">Decisions and messages</h2>
          <CaseHistoryList reference={reference} policy={policy} entries={history.entries} />
          {reading}
          <h2 className="mt-8 text-xl font-semibold">Request details</h2>
          <MoreDetails request={request} policy={policy} />
          {history.submitted.length ? (
            <>
              <h2 className="mt-8 text-xl font-semibold">Files sent with the request</h2>
              <AttachmentList reference={reference} files={history.submitted} />
            </>
          ) : null}
          {more}
          <h2 className="mt-8 text-xl font-semibold">Audit trail</h2>
          <AuditTrail events={history.audit} />
        </div>
      </div>
    </main>
  );
}
