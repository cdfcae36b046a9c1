import { rulesOf } from "@/lib/policy/engine/define-policy";
import { flowchartLayout } from "@/lib/policy/engine/flowchart";
import { passagesById } from "@/lib/policy/engine/passages";
import { citedPassageIds } from "@/lib/policy/engine/questions";
import type { EhrPrefill } from "@/lib/policy/engine/ehr-codes";
import type { Policy } from "@/lib/policy/engine/types";
import { documentHref, submitHref } from "@/lib/server/policy-links";
import { EhrPrefillNotice } from "./ehr-prefill-notice";
import { Wizard } from "./wizard";

/** The guided questionnaire of one policy version, the same for every policy package. */
export function WizardPage({ policy, prefill }: { policy: Policy; prefill?: EhrPrefill }) {
  const { meta } = policy;
  return (
    <main id="main" className="mx-auto max-w-6xl p-4 sm:p-8">
      <p className="text-sm text-slate-700 print:hidden">
        {meta.documentType} {meta.number} · effective {policy.effectiveDate}
      </p>
      <h1 className="mb-6 text-2xl font-semibold">{meta.title}</h1>
      {/* The rules and only the cited passages travel to the browser, as data, not script. */}
      <Wizard
        policy={rulesOf(policy)}
        passages={passagesById(policy, citedPassageIds(policy))}
        documentHref={documentHref(policy.id)}
        submitHref={submitHref(policy.id)}
        flowchart={flowchartLayout(policy)}
        prefill={prefill}
        notice={prefill ? <EhrPrefillNotice prefill={prefill} /> : undefined}
      />
    </main>
  );
}
