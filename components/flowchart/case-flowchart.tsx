import { flowchartDescription, litPath, type FlowchartLayout } from "@/lib/policy/engine/flowchart";
import type { Evaluation } from "@/lib/policy/engine/evaluate";
import type { PolicyRules } from "@/lib/policy/engine/types";
import { FlowchartSvg } from "./flowchart-svg";

/** The policy's flowchart with a case's path lit (or none, for the policy on its own). */
export function CaseFlowchart({
  id,
  policy,
  layout,
  evaluation,
}: {
  id: string;
  policy: PolicyRules;
  layout: FlowchartLayout;
  evaluation?: Evaluation;
}) {
  const { states, determination } = litPath(evaluation, layout);
  return (
    <figure className="mt-4">
      <FlowchartSvg
        id={id}
        layout={layout}
        states={states}
        determination={determination}
        description={flowchartDescription(policy, layout, evaluation)}
      />
      <figcaption className="mt-1 text-sm text-slate-700">
        {evaluation
          ? "The gates in the order they are asked, with this case's path lit; the list above says the same in words."
          : "The gates in the order they are asked, and the determinations each can reach."}
      </figcaption>
    </figure>
  );
}
