import { lazy, Suspense, useEffect, useRef, useState, type ComponentProps } from "react";
import { chartsFor } from "@/lib/policy/engine/flowchart";

// The flowchart's drawing and words are not part of the wizard's first load (the outcome panel on
// `/` holds it, and first-load JS of `/` has a 150 KB budget): its script loads with the first
// answer, or when the chart's place comes near the screen, whichever is first. Until then, and
// while the script arrives, a box of the charts' own proportions holds their place so nothing
// below moves. The trace list beside it says the same in words all along.
const CaseFlowchart = lazy(() =>
  import("./case-flowchart").then((m) => ({ default: m.CaseFlowchart })),
);

export function LazyCaseFlowchart({
  started,
  ...props
}: ComponentProps<typeof CaseFlowchart> & {
  /** Whether any answer is given: the chart loads then at the latest. */
  started: boolean;
}) {
  const [near, setNear] = useState(false);
  const place = useRef<HTMLDivElement>(null);
  const wanted = near || started;
  useEffect(() => {
    const element = place.current;
    if (wanted || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: "0px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [wanted]);

  const placeholder = (
    <div ref={place} className="mt-4" aria-hidden="true" data-testid="flowchart-placeholder">
      {chartsFor(props.charts, props.evaluation).map((c) => (
        // An SVG takes the proportions of its viewBox: no style attribute (the CSP allows none).
        <svg
          key={c.title}
          viewBox={`0 0 ${c.width + 4} ${c.height + 4}`}
          className="mt-4 h-auto w-full max-w-[30rem] fill-slate-50"
        >
          <rect width="100%" height="100%" rx={4} />
        </svg>
      ))}
    </div>
  );
  return wanted ? (
    <Suspense fallback={placeholder}>
      <CaseFlowchart {...props} />
    </Suspense>
  ) : (
    placeholder
  );
}
