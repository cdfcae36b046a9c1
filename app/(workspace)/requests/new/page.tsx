import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { RequestForm } from "@/components/requests/request-form";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/server/current-user";
import { rulesOf } from "@/lib/policy/engine/define-policy";
import { policies } from "@/lib/server/policies";
import { ruleApprovalFor } from "@/lib/server/rule-approval";
import { wizardHref } from "@/lib/server/policy-links";

export const metadata: Metadata = { title: "Submit a request" };

export default async function NewRequestPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole(["physician"], "/requests/new");
  const { policy: asked } = await searchParams;
  const policy = policies.getPolicy(typeof asked === "string" ? asked : policies.defaultId);
  if (!policy) notFound();
  return (
    <main id="main" className="mx-auto max-w-3xl p-4 sm:p-8">
      <h1 className="text-2xl font-semibold">Submit a request</h1>
      <p className="mt-2 text-slate-700">
        The policy answers come from the questionnaire; the server evaluates them again when you
        submit.
      </p>
      {/* A fresh one-time token for every rendering: a resent form repeats it, a new visit does not. */}
      <RequestForm
        policy={rulesOf(policy)}
        defaultPhysician={user.name}
        wizardHref={wizardHref(policy.id)}
        submissionToken={randomUUID()}
        ruleApproval={ruleApprovalFor(policy.id) !== undefined}
      />
    </main>
  );
}
