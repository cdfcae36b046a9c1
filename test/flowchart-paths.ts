import { evaluate } from "@/lib/policy/engine/evaluate";
import { chartsFor, flowchartLayout, litPath, wentOn } from "@/lib/policy/engine/flowchart";
import type { Answers, Policy } from "@/lib/policy/engine/types";

/**
 * Where the flowcharts light a case's path wrongly: each case with a service lights a path of its
 * own service's chart only, every gate it reached and no other, along drawn arrows; a case with
 * no service shows every chart. Plain checks collected into one list (expect() per case would
 * make the whole space take a minute).
 */
export function pathProblems(
  policy: Policy,
  cases: Iterable<Answers>,
): { problems: string[]; cases: number; withService: number } {
  const charts = flowchartLayout(policy);
  const problems: string[] = [];
  let count = 0;
  let withService = 0;
  for (const answers of cases) {
    count++;
    const evaluation = evaluate(policy, answers);
    const shown = chartsFor(charts, evaluation);
    const problem = (what: string) => problems.push(`${JSON.stringify(answers)}: ${what}`);
    if (answers.service === undefined) {
      if (shown !== charts) problem("without a service, not every chart is shown");
      continue;
    }
    withService++;
    if (shown.length !== 1 || shown[0]!.branch?.value !== answers.service) {
      problem("not the one chart of its service");
      continue;
    }
    const chart = shown[0]!;
    const { states } = litPath(evaluation, chart);
    // Every gate the case reached is drawn, in the chart of its service.
    const reached = evaluation.trace.flatMap((t, i) => (t.state === "not-asked" ? [] : [i]));
    const lit = chart.gates.flatMap((g, i) => (states[i] !== "not-asked" ? [g.index] : []));
    if (JSON.stringify(lit) !== JSON.stringify(reached))
      problem(`lights gates ${lit.join(",")}, reached ${reached.join(",")}`);
    chart.gates.forEach((g, i) => {
      // From a gate it went on from, an arrow leads to the next gate it reached.
      if (wentOn(states[i]) && g.next?.to !== reached[reached.indexOf(g.index) + 1])
        problem(`no drawn arrow from gate ${g.index} to the next gate reached`);
      if (
        states[i] === "decided" &&
        !g.outcomes.some((o) => o.determination === evaluation.determination)
      )
        problem(`gate ${g.index} decided it, but draws no arrow to ${evaluation.determination}`);
    });
    if (problems.length > 5) break;
  }
  return { problems, cases: count, withService };
}
