import type { Metadata } from "next";
import Link from "next/link";
import { PassageBody } from "@/components/passage-body";
import { questionsCiting } from "@/lib/policy/citations";
import { PASSAGES } from "@/lib/policy/passages";
import { POLICY } from "@/lib/policy/policy-meta";
import { getQuestion } from "@/lib/policy/questions";

export const metadata: Metadata = { title: `Policy ${POLICY.number}: ${POLICY.title}` };

const HEADING = ["h2", "h3", "h4"] as const;
const HEADING_STYLE = ["mt-10 text-2xl", "mt-8 text-xl", "mt-6 text-lg"];

const formatDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-US", {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  });

export default function PolicyPage() {
  const today = new Date().toISOString().slice(0, 10);
  const citing = questionsCiting();

  return (
    <main id="main" className="mx-auto max-w-3xl p-4 sm:p-8">
      <header>
        <p className="text-sm text-slate-700">
          {POLICY.publisher} {POLICY.documentType} {POLICY.number}
        </p>
        <h1 className="text-2xl font-semibold">{POLICY.title}</h1>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 text-sm">
          <dt className="font-medium">Coverage Policy Number</dt>
          <dd>{POLICY.number}</dd>
          <dt className="font-medium">Effective date</dt>
          <dd>{formatDate(POLICY.effectiveDate)}</dd>
          <dt className="font-medium">Next review date</dt>
          <dd>{formatDate(POLICY.nextReviewDate)}</dd>
        </dl>
        {today > POLICY.nextReviewDate ? (
          <p className="mt-3 rounded border-l-4 border-amber-700 bg-amber-50 p-3 text-amber-900">
            The next review date of this policy, {formatDate(POLICY.nextReviewDate)}, has passed.
            Check with the plan that this version is still in effect before relying on it.
          </p>
        ) : null}
      </header>

      {PASSAGES.map((passage, index) => {
        const previous = PASSAGES[index - 1]?.section ?? [];
        const changed = passage.section.findIndex((h, i) => h !== previous[i]);
        const headings = changed < 0 ? [] : passage.section.slice(changed);
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
                          href={`/#question-${field}`}
                          prefetch={false}
                          className="text-blue-800 underline"
                        >
                          {getQuestion(field).text}
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
