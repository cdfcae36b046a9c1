import { LazyCaseFlowchart } from "@/components/flowchart/lazy-case-flowchart";
import type { Evaluation } from "@/lib/policy/engine/evaluate";
import type { FlowchartLayout } from "@/lib/policy/engine/flowchart";
import type { PolicyRules } from "@/lib/policy/engine/types";
import {
  DeterminationLabel,
  DeterminationNote,
  ReviewOverdueNotice,
} from "./determination-headline";
import { TraceList } from "./trace-list";
import { decidingSentence } from "@/lib/policy/engine/deciding-sentence";

export function OutcomePanel({
  policy,
  outcome,
  started,
  flowchart,
  onGoTo,
}: {
  policy: PolicyRules;
  outcome: Evaluation;
  /** Whether any answer is given: before the first, the panel says what it will show. */
  started: boolean;
  flowchart: readonly FlowchartLayout[];
  onGoTo: (field: string) => void;
}) {
  const next = outcome.trace.find((t) => t.state === "missing");
  // Narrower than lg the panel is a bar kept in view at the bottom of the screen: the heading,
  // the reading in a few words with the line under it, and a native disclosure that opens the
  // rest. From lg up the rest
  // is always shown and the disclosure's summary is not. One live region in both layouts. The
  // layout is CSS (globals.css, "The outcome bar"), none of it script.
  return (
    <section
      aria-labelledby="outcome-heading"
      className="outcome-panel rounded border border-slate-300 bg-white p-4"
    >
      <h2 id="outcome-heading" className="text-lg font-semibold">
        Outcome
      </h2>
      {/* Announced on every change: the determination and the one sentence that decides it.
          The rest of the panel is there to read, not to be read out again and again. In the
          narrow bar the sentence is read out but shown only once the full outcome is open. */}
      <div role="status" aria-live="polite" aria-atomic="true" data-testid="outcome">
        {started ? (
          <>
            <DeterminationLabel policy={policy} evaluation={outcome} />
            <p className="outcome-sentence mt-2 text-sm">{decidingSentence(outcome)}</p>
          </>
        ) : (
          <p className="mt-2">
            Answer the questions; the policy&apos;s reading appears here as you go.
          </p>
        )}
      </div>
      {/* Kept in the bar too: a reading is never shown without saying it is not the decision. */}
      <DeterminationNote policy={policy} />
      <details className="outcome-more">
        <summary>
          <span>Show the full outcome</span>
          <span>Hide the full outcome</span>
        </summary>
        {next?.field ? (
          <p className="mt-2 text-sm">
            Next question:{" "}
            <a
              href={`#question-${next.field}`}
              className="text-blue-800 underline"
              onClick={(e) => {
                e.preventDefault();
                onGoTo(next.field!);
              }}
            >
              {next.question}
            </a>
          </p>
        ) : null}
        <h3 className="mt-4 text-sm font-semibold">How the policy was applied</h3>
        <TraceList policy={policy} outcome={outcome} />
        <ReviewOverdueNotice policy={policy} />
        <h3 className="mt-4 text-sm font-semibold print:hidden">Flowchart</h3>
        <div className="print:hidden">
          <LazyCaseFlowchart
            id="outcome-flowchart"
            charts={flowchart}
            evaluation={outcome}
            started={started}
          />
        </div>
      </details>
    </section>
  );
}
