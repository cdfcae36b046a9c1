import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CaseRecord } from "@/components/requests/case-record";
import { AppealForm, ReplyForm, WithdrawForm } from "@/components/requests/loop-forms";
import { DeterminationBlock } from "@/components/requests/request-summary";
import { requireRole } from "@/lib/server/current-user";
import { rulesOf } from "@/lib/policy/engine/define-policy";
import { appealDue } from "@/lib/request-model/due";
import { decidedReading } from "@/lib/requests/readings";
import { appContext } from "@/lib/server/app-context";
import { openCase } from "@/lib/server/open-case";
import { isPastServiceDate } from "@/lib/validations/service-date";

export const metadata: Metadata = { title: "Request" };

export default async function RequestPage({ params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const user = await requireRole(["physician"], `/requests/${reference}`);
  const { db } = await appContext();
  const opened = await openCase(db, reference, user, "read");
  // Another physician's request is answered exactly like one that does not exist.
  if (!opened.ok) notFound();
  const { request, policy, history, steps } = opened.case;
  const target = { reference, version: request.version };
  const decided = decidedReading(policy, history.entries);
  // A standard appeal filed now would be due after the planned date: offer an expedited one.
  const standardDue = appealDue(new Date(), "standard").toISOString().slice(0, 10);
  return (
    <CaseRecord
      opened={opened.case}
      actions={
        // Always rendered, open or not, so each keeps what it said after the page is read again.
        <>
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
        </>
      }
      reading={
        <>
          <h2 className="mt-8 text-xl font-semibold">{decided.heading}</h2>
          {decided.before ? <p className="mt-2">{decided.before}</p> : null}
          <DeterminationBlock policy={policy} evaluation={request.evaluation} />
        </>
      }
      more={<WithdrawForm {...target} open={steps.includes("withdraw")} />}
    />
  );
}
