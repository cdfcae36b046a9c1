import type { Metadata } from "next";
import { notFound } from "next/navigation";
import {
  DeterminationBlock,
  PatientDetails,
  RequestHeading,
} from "@/components/requests/request-summary";
import { AuditTrail } from "@/components/requests/audit-trail";
import { DecisionList } from "@/components/requests/decision-list";
import { requireRole } from "@/lib/auth/current-user";
import { decisionsFor, findRequest } from "@/lib/requests/repository";
import { auditTrail } from "@/lib/audit/audit-log";
import { canRead } from "@/lib/requests/access";
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
  const [decisions, audit] = await Promise.all([
    decisionsFor(db, reference),
    auditTrail(db, reference),
  ]);
  return (
    <main id="main" className="mx-auto max-w-4xl p-4 sm:p-8">
      <RequestHeading reference={request.reference} />
      <PatientDetails request={request} />
      <h2 className="mt-8 text-xl font-semibold">Decision</h2>
      <DecisionList decisions={decisions} />
      <h2 className="mt-8 text-xl font-semibold">Determination at submission</h2>
      <DeterminationBlock policy={policyOfRequest(request)} evaluation={request.evaluation} />
      <h2 className="mt-8 text-xl font-semibold">Audit trail</h2>
      <AuditTrail events={audit} />
    </main>
  );
}
