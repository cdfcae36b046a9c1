import Link from "next/link";
import type { Passage } from "@/lib/policy/engine/types";
import { PassageBody } from "../passage-body";

/** The passages behind a question and its chosen answer, quoted verbatim with their sections. */
export function PolicyTextPanel({
  id,
  question,
  passages,
  sectionOf,
  documentHref,
}: {
  id: string;
  question: string;
  passages: readonly Passage[];
  sectionOf: (passage: Passage) => string;
  documentHref: string;
}) {
  return (
    <section
      id={id}
      aria-label={`Policy text for: ${question}`}
      className="mt-3 space-y-4 rounded border-l-4 [overflow-wrap:anywhere] border-blue-700 bg-slate-50 p-4 text-sm"
    >
      {passages.map((passage) => (
        <blockquote key={passage.id} cite={`${documentHref}#${passage.id}`}>
          <p className="font-semibold text-slate-800">{sectionOf(passage)}</p>
          <div className="mt-1 text-slate-900">
            <PassageBody passage={passage} />
          </div>
          <Link
            href={`${documentHref}#${passage.id}`}
            prefetch={false}
            className="mt-1 inline-block text-blue-800 underline"
          >
            Open in the policy ({passage.id})
          </Link>
        </blockquote>
      ))}
    </section>
  );
}
