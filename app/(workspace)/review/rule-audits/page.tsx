import type { Metadata } from "next";
import Link from "next/link";
import { RuleAuditForm } from "@/components/requests/rule-audit-form";
import { requireRole } from "@/lib/server/current-user";
import { peopleByIds } from "@/lib/auth/people";
import { STAFF_ROLES } from "@/lib/request-model/roles";
import { env } from "@/lib/env";
import { personText } from "@/lib/requests/labels";
import { LocalTime } from "@/components/ui/local-time";
import { ruleAuditList } from "@/lib/requests/rule-audits";
import { appContext } from "@/lib/server/app-context";

export const metadata: Metadata = { title: "Rule approvals to audit" };

// The share of rule approvals drawn for a reviewer's retrospective audit, those to audit first.
export default async function RuleAuditsPage() {
  const user = await requireRole(STAFF_ROLES, "/review/rule-audits");
  const { db } = await appContext();
  const rows = await ruleAuditList(db);
  const people = await peopleByIds(
    db,
    rows.map((r) => r.auditorId),
  );
  const { RULE_APPROVAL, RULE_APPROVAL_AUDIT_PERCENT } = env();
  return (
    <main id="main" className="mx-auto max-w-4xl p-4 sm:p-8">
      <h1 className="text-2xl font-semibold">Rule approvals to audit</h1>
      <p className="mt-2">
        Rule-based approval is {RULE_APPROVAL === "1" ? "on" : "off"}. {RULE_APPROVAL_AUDIT_PERCENT}
        % of the requests a rule approves are drawn at random for a reviewer to check against the
        record; a finding never changes the approval.
      </p>
      {rows.length === 0 ? (
        <p className="mt-6">No rule approval has been drawn for audit.</p>
      ) : null}
      <ol className="mt-6 space-y-6">
        {rows.map((r) => (
          <li key={r.reference} className="rounded border border-slate-300 p-3">
            <p className="font-semibold">
              <Link
                href={`/review/${r.reference}`}
                prefetch={false}
                className="text-blue-800 underline"
              >
                {r.reference}
              </Link>{" "}
              — {r.patientName}, planned {r.serviceDate}, approved by rule{" "}
              <LocalTime iso={r.approvedAt} />
            </p>
            {r.auditedAt ? (
              <p className="mt-1">
                Audited <LocalTime iso={r.auditedAt} /> by{" "}
                {r.auditorId ? personText(people.get(r.auditorId)!) : "unknown user"}:{" "}
                {r.agrees ? "the rule was right" : "the rule was wrong"}. {r.note}
              </p>
            ) : user.role === "admin" ? (
              <p className="mt-1">Not audited yet.</p>
            ) : (
              <RuleAuditForm reference={r.reference} />
            )}
          </li>
        ))}
      </ol>
    </main>
  );
}
