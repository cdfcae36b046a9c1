import { Wizard } from "@/components/wizard/wizard";
import { getPassage, type Passage, type PassageId } from "@/lib/policy/passages";
import { POLICY } from "@/lib/policy/policy-meta";
import { QUESTIONS } from "@/lib/policy/questions";

// Only the passages the questions cite travel to the browser, as data rather than script.
function citedPassages(): Record<string, Passage> {
  const ids = new Set<PassageId>(
    QUESTIONS.flatMap((q) => [
      ...q.cites,
      ...(q.kind === "choice" ? q.options.flatMap((o) => o.cites) : []),
    ]),
  );
  return Object.fromEntries([...ids].map((id) => [id, getPassage(id)]));
}

export default function HomePage() {
  return (
    <main id="main" className="mx-auto max-w-6xl p-4 sm:p-8">
      <p className="text-sm text-slate-700 print:hidden">
        {POLICY.documentType} {POLICY.number} · effective {POLICY.effectiveDate}
      </p>
      <h1 className="mb-6 text-2xl font-semibold">{POLICY.title}</h1>
      <Wizard passages={citedPassages()} />
    </main>
  );
}
