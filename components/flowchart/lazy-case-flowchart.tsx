import { lazy, Suspense, type ComponentProps } from "react";
import { chartsFor } from "@/lib/policy/engine/flowchart";

// The flowchart's drawing and words load after the wizard's first paint (the outcome panel on `/`
// imports it, and first-load JS of `/` has a 150 KB budget). The server renders it in full; in the
// browser, until its script arrives, a box of the charts' own proportions holds their place so
// nothing below moves.
const CaseFlowchart = lazy(() =>
  import("./case-flowchart").then((m) => ({ default: m.CaseFlowchart })),
);

export function LazyCaseFlowchart(props: ComponentProps<typeof CaseFlowchart>) {
  const placeholder = (
    <div className="mt-4" aria-hidden="true">
      {chartsFor(props.charts, props.evaluation).map((c) => (
        <div
          key={c.title}
          className="mt-4 w-full max-w-[30rem] rounded bg-slate-50"
          style={{ aspectRatio: `${c.width + 4} / ${c.height + 4}` }}
        />
      ))}
    </div>
  );
  return (
    <Suspense fallback={placeholder}>
      <CaseFlowchart {...props} />
    </Suspense>
  );
}
