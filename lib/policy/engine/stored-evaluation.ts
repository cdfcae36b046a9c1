import type { Evaluation } from "./evaluate";

/**
 * A stored evaluation as it was made. Evaluations stored before rules revision 2 carry neither a
 * rules revision nor their deciding gate's title: they are read as revision 1, the title taken
 * from their own trace. Nothing else is changed, so the stored determination stays as it was.
 */
export function readStoredEvaluation(json: string): Evaluation {
  const stored = JSON.parse(json) as Evaluation;
  const { policy, decidedBy, trace } = stored;
  const title =
    decidedBy.title ??
    trace.find((t) => t.field === decidedBy.field && t.step === decidedBy.step)?.title ??
    "";
  return {
    ...stored,
    policy: { ...policy, rulesRevision: policy.rulesRevision ?? 1 },
    decidedBy: { ...decidedBy, title },
  };
}
