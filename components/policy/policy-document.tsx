import Link from "next/link";
import { CaseFlowchart } from "@/components/flowchart/case-flowchart";
import { PassageBody } from "@/components/passage-body";
import { flowchartLayout } from "@/lib/policy/engine/flowchart";
import { questionsCiting } from "@/lib/policy/engine/citations";
import { getQuestion } from "@/lib/policy/engine/questions";
import { longDate, reviewOverdueNotice } from "@/lib/policy/engine/review-date";
import type { Policy } from "@/lib/policy/engine/types";

const HEADING = ["h2", "h3", "h4"] as const;
const HEADING_STYLE = ["mt-10 text-2xl", "mt-8 text-xl", "mt-6 text-lg"];

/**
 * A policy version's document, one anchor per passage, with "Cited by" links back to the
 * questions, and a picker when the policy has other versions.
 */
export function PolicyDocument({
  policy,
  versions,
  current,
  wizardHref,
}: {
  policy: Policy;
  versions: readonly Policy[];
  /** The version in force today. */
  current: string;
  wizardHref: string;
}) {
  const { meta, passages } = policy;
  const citing = questionsCiting(policy);
  const overdue = reviewOverdueNotice(policy);

  return (
    <main id="main" className="mx-auto max-w-3xl p-4 sm:p-8">
      <header>
        <p className="text-sm text-slate-700">
          {meta.publisher} {meta.documentType} {meta.number}
        </p>
        <h1 className="text-2xl font-semibold">{meta.title}</h1>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 text-sm">
          <dt className="font-medium">Coverage Policy Number</dt>
          <dd>{meta.number}</dd>
          <dt className="font-medium">Effective date</dt>
          <dd>{longDate(policy.effectiveDate)}</dd>
          {policy.nextReviewDate ? (
            <>
              <dt className="font-medium">Next review date</dt>
              <dd>{longDate(policy.nextReviewDate)}</dd>
            </>
          ) : null}
          <dt className="font-medium">Version</dt>
          <dd>
            {policy.version}
            {policy.version === current ? " (in force today)" : ""}, rules revision{" "}
            {policy.rulesRevision}
          </dd>
        </dl>
        {versions.length > 1 ? (
          <form method="get" className="mt-3 flex flex-wrap items-end gap-2 text-sm">
            <label>
              Version
              <select
                name="version"
                defaultValue={policy.version}
                className="ml-2 rounded border border-slate-500 px-2 py-1"
              >
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version} (effective {longDate(v.effectiveDate)})
                    {v.version === current ? ", in force today" : ""}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="rounded border border-slate-500 px-3 py-1">
              Show this version
            </button>
          </form>
        ) : null}
        {overdue ? (
          <p className="mt-3 rounded border-l-4 border-amber-700 bg-amber-50 p-3 text-amber-900">
            {overdue}
          </p>
        ) : null}
      </header>

      <section aria-labelledby="flowchart-heading">
        <h2 id="flowchart-heading" className="mt-8 text-2xl font-semibold">
          How the questions decide
        </h2>
        <CaseFlowchart id="policy-flowchart" charts={flowchartLayout(policy)} />
      </section>

      {passages.map((passage, index) => {
        const previous = passages[index - 1]?.section ?? [];
        const changed = passage.section.findIndex((h, i) => h !== previous[i]);
        // A literature passage's last heading is its disease, which its first paragraph already
        // opens with in bold (a run-in heading): not written twice.
        const runIn = passage.section.at(-1);
        const headings = (changed < 0 ? [] : passage.section.slice(changed)).filter(
          (h) => !(h === runIn && passage.lines[0]?.startsWith(`**${h}:**`)),
        );
        const startLevel = changed < 0 ? 0 : changed;
        const citedBy = citing.get(passage.id) ?? [];
        return (
          <div key={passage.id}>
            {headings.map((heading, i) => {
              const level = Math.min(startLevel + i, 2);
              const Tag = HEADING[level]!;
              return (
                <Tag key={heading} className={`${HEADING_STYLE[level]} font-semibold`}>
                  {heading}
                </Tag>
              );
            })}
            <section
              id={passage.id}
              aria-label={`Passage ${passage.id}`}
              className="mt-4 scroll-mt-4 rounded p-2 [overflow-wrap:anywhere] target:bg-yellow-100 target:outline target:outline-2 target:outline-amber-700"
            >
              <PassageBody passage={passage} />
              <p className="mt-1 text-xs text-slate-700">
                <a href={`#${passage.id}`} className="underline">
                  {passage.id}
                </a>
                {citedBy.length ? (
                  <>
                    {" · Cited by: "}
                    {citedBy.map((field, i) => (
                      <span key={field}>
                        {i ? "; " : ""}
                        <Link
                          href={`${wizardHref}#question-${field}`}
                          prefetch={false}
                          className="text-blue-800 underline"
                        >
                          {getQuestion(policy, field).text}
                        </Link>
                      </span>
                    ))}
                  </>
                ) : null}
              </p>
            </section>
          </div>
        );
      })}
    </main>
  );
}
