import { QuestionList } from "@/components/question-list";
import { POLICY } from "@/lib/policy/policy-meta";

export default function HomePage() {
  return (
    <main className="mx-auto max-w-3xl p-4 sm:p-8">
      <p className="text-sm text-slate-700">
        {POLICY.documentType} {POLICY.number}
      </p>
      <h1 className="mb-6 text-2xl font-semibold">{POLICY.title}</h1>
      <QuestionList />
    </main>
  );
}
