import { METRICS } from "@/lib/metrics/definitions";

/** Each metric in one sentence, and the rules every figure follows. */
export function MetricDefinitions({
  headingId,
  rules,
}: {
  headingId: string;
  rules: Record<string, string>;
}) {
  return (
    <section aria-labelledby={headingId} className="mt-10">
      <h2 id={headingId} className="text-xl font-semibold">
        What each figure means
      </h2>
      <dl className="mt-3 space-y-2">
        {METRICS.map((m) => (
          <div key={m.key}>
            <dt className="inline font-semibold">{m.label}: </dt>
            <dd className="inline">{m.definition}</dd>
          </div>
        ))}
      </dl>
      <ul className="mt-4 list-disc space-y-1 pl-6">
        {Object.values(rules).map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
    </section>
  );
}
