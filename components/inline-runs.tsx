import type { Run } from "@/lib/policy/engine/inline-markup";

export function InlineRuns({ runs }: { runs: readonly Run[] }) {
  return runs.map((run, i) => {
    if (run.bold) return <strong key={i}>{run.text}</strong>;
    if (run.italic) return <em key={i}>{run.text}</em>;
    if (run.sup) return <sup key={i}>{run.text}</sup>;
    return <span key={i}>{run.text}</span>;
  });
}
