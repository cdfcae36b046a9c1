import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { gateName } from "@/lib/policy/engine/gate-name";
import { AssignmentForm } from "@/components/requests/assignment-form";
import { CaseRecord } from "@/components/requests/case-record";
import { DecisionForm } from "@/components/requests/decision-form";
import { AppealDecisionForm, ExtensionForm } from "@/components/requests/loop-forms";
import { AnswersWithPassages, DeterminationBlock } from "@/components/requests/request-summary";
import { requireRole } from "@/lib/server/current-user";
import { reviewStaff } from "@/lib/auth/people";
import { STAFF_ROLES } from "@/lib/request-model/roles";
import { ReviewOverdueNotice } from "@/components/wizard/determination-headline";
import { CaseFlowchart } from "@/components/flowchart/case-flowchart";
import { flowchartLayout } from "@/lib/policy/engine/flowchart";
import { defaultValidTo } from "@/lib/requests/authorization";
import { personText } from "@/lib/requests/labels";
import { whyNot } from "@/lib/requests/open-steps";
import { reachedCriteria } from "@/lib/requests/pend-criteria";
import { reviewSettingsOf } from "@/lib/request-model/review-settings";
import { suggestedDecision } from "@/lib/requests/suggested-decision";
import { pasDiagnosisFlags, pasOrigins } from "@/lib/pas/repository";
import { diagnosisFlagText } from "@/lib/pas/diagnosis-flags";
import { appContext } from "@/lib/server/app-context";
import { sentByAnotherSite } from "@/lib/http/cross-site";
import { openCase } from "@/lib/server/open-case";
import { DECISION_CHOICES, type DecisionChoice } from "@/lib/validations/decision";

export const metadata: Metadata = { title: "Review a request" };

export default async function ReviewCasePage({
  params,
}: {
  params: Promise<{ reference: string }>;
}) {
  const { reference } = await params;
  const user = await requireRole(STAFF_ROLES, `/review/${reference}`);
  // A link on another site (or a sibling subdomain) opens nothing in the reviewer's name: no
  // patient data is read and no "viewed" row written until they open it from here.
  if (sentByAnotherSite(await headers())) return <OpenFromHere reference={reference} />;
  const { db } = await appContext();
  const [opened, viaPas, staff, flags] = await Promise.all([
    openCase(db, reference, user, "read"),
    pasOrigins(db, [reference]),
    reviewStaff(db),
    pasDiagnosisFlags(db, reference),
  ]);
  if (!opened.ok) notFound();
  const { request, policy, steps, context, reading: rereading } = opened.case;
  const target = { reference, version: request.version };
  const choices = DECISION_CHOICES.filter((c) => steps.includes(c));
  const appealRefusal =
    request.status === "appealed" && user.role !== "admin"
      ? whyNot("overturn", request.status, context)
      : undefined;
  const authorizationDefaults = {
    validFrom: request.serviceDate,
    latestValidTo: defaultValidTo(policy.id, request.serviceDate),
    days: reviewSettingsOf(policy.id).authorizationDays,
  };

  // The server's own reading of the stored answers, today, under the policy version the request
  // is judged under, beside what was stored at submission.
  const { stored, now } = rereading;
  // A director deciding a recommended denial starts from the reviewer's drafted rationale.
  const recommended = opened.case.recommendedDenial;
  const suggestion = suggestedDecision(policy, now);
  if (recommended) {
    suggestion.action = "deny" satisfies DecisionChoice;
    suggestion.rationales.deny = recommended.body;
  }

  return (
    <CaseRecord
      opened={opened.case}
      lead={
        <>
          {viaPas.has(reference) ? (
            <p className="mt-1 text-sm text-slate-700">
              Received from the physician&apos;s EHR via PAS ({viaPas.get(reference)})
            </p>
          ) : null}
          {flags.length ? (
            <section
              aria-labelledby="diagnosis-flags"
              className="mt-3 rounded border-l-4 border-amber-700 bg-amber-50 p-3"
            >
              <h2 id="diagnosis-flags" className="font-semibold">
                Diagnosis codes that disagree with the answers
              </h2>
              <ul className="mt-1 list-disc pl-5 text-sm">
                {flags.map((flag) => (
                  <li key={flag.field}>{diagnosisFlagText(flag)}</li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      }
      actionsBeside
      actions={
        // The decision panel: beside the case on a wide screen, right after its summary otherwise.
        <aside
          aria-labelledby="decision-panel"
          className="min-w-0 lg:col-start-2 lg:row-span-2 lg:row-start-1"
        >
          <h2 id="decision-panel" className="mt-6 text-xl font-semibold lg:mt-4">
            Decision
          </h2>
          {user.role === "admin" ? (
            <p className="mt-2 text-sm">
              An administrator manages accounts and takes no review step: a reviewer or a medical
              director decides this request.
            </p>
          ) : null}
          {/* Always rendered, open or not, so each keeps what it said after the page is read again. */}
          <DecisionForm
            {...target}
            open={choices.length > 0}
            choices={choices}
            overPas={viaPas.has(reference)}
            suggestion={suggestion}
            criteria={reachedCriteria(now)}
            authorization={authorizationDefaults}
          />
          {request.status === "awaiting-medical-director" && user.role === "reviewer" ? (
            <p className="mt-4 rounded border-l-4 border-blue-800 bg-blue-50 p-3">
              A denial was recommended: a medical director decides this request now.
            </p>
          ) : null}
          <AppealDecisionForm
            {...target}
            open={steps.includes("uphold")}
            authorization={authorizationDefaults}
          />
          {appealRefusal ? (
            <p className="mt-4 rounded border-l-4 border-amber-700 bg-amber-50 p-3">
              You may not decide this appeal. {appealRefusal}
            </p>
          ) : null}
          <ExtensionForm {...target} open={steps.includes("extend")} />
          {user.role !== "admin" ? (
            <AssignmentForm
              reference={reference}
              assignedTo={request.assignedTo}
              staff={staff.map((s) => ({ id: s.id, label: personText(s) }))}
            />
          ) : null}
        </aside>
      }
      reading={
        <>
          <h2 className="mt-8 text-xl font-semibold">The policy&apos;s reading today</h2>
          <p className="mt-2 text-sm text-slate-700">
            At submission, under policy version {stored.policy.version}, rules revision{" "}
            {stored.policy.rulesRevision}: {stored.label} ({gateName(stored.decidedBy)}). Read again
            today below, under {policy.meta.shortName} version {policy.version}, the version in
            force on the planned date of service, rules revision {now.policy.rulesRevision}.
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
          <CaseFlowchart id="review-flowchart" charts={flowchartLayout(policy)} evaluation={now} />
        </>
      }
      more={
        <>
          <h2 className="mt-8 text-xl font-semibold">Answers and the policy text behind them</h2>
          <AnswersWithPassages policy={policy} evaluation={now} />
        </>
      }
    />
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
