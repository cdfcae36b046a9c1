import {
  chartsFor,
  flowchartDescription,
  litPath,
  type FlowchartLayout,
} from "@/lib/policy/engine/flowchart";
import type { Evaluation } from "@/lib/policy/engine/evaluate";
import { FlowchartSvg } from "./flowchart-svg";

/**
 * The policy's flowchart with a case's path lit: the chart of the case's service, or, before the
 * service is answered (and for the policy on its own), the chart of every service.
 */
export function CaseFlowchart({
  id,
  charts,
  evaluation,
}: {
  id: string;
  charts: readonly FlowchartLayout[];
  evaluation?: Evaluation;
}) {
  const shown = chartsFor(charts, evaluation);
  return (
    <figure className="mt-4">
      {shown.map((layout, i) => {
        const { states, determination } = litPath(evaluation, layout);
        return (
          <div key={layout.title} className={i ? "mt-4" : undefined}>
            {shown.length > 1 && layout.branch ? (
              <p className="mb-1 text-sm font-semibold" aria-hidden="true">
                {layout.branch.label}
              </p>
            ) : null}
            <FlowchartSvg
              id={shown.length > 1 ? `${id}-${i + 1}` : id}
              layout={layout}
              states={states}
              determination={determination}
              description={flowchartDescription(layout, evaluation)}
            />
          </div>
        );
      })}
      <figcaption className="mt-1 text-sm text-slate-700">
        {shown.length > 1
          ? "The gates of each service in the order they are asked; each arrow says which answer takes it."
          : evaluation
            ? "The gates in the order they are asked, with this case's path lit; each arrow says which answer takes it."
            : "The gates in the order they are asked; each arrow says which answer takes it."}
      </figcaption>
    </figure>
  );
}
