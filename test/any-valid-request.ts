import fc from "fast-check";
import type { SummaryEntry } from "@/lib/pdf/request-summary-document";

// Any valid request as the PDF summary prints it: fields at their limits, any text, any
// decisions and messages. lib/pdf/render-request-summary.test.ts renders a few seeded ones every
// run, and its .full.test.ts the full count in npm test's full-proof step.

const text = (max: number) =>
  fc.oneof(
    fc.string({ unit: "grapheme", maxLength: max }),
    fc.string({ unit: "binary", maxLength: max }),
    fc
      .array(fc.string({ unit: "grapheme-ascii", maxLength: 30 }), { maxLength: 400 })
      .map((lines) => lines.join("\n").slice(0, max)),
    fc.integer({ min: 1, max }).map((n) => "W".repeat(n)),
    fc.integer({ min: 1, max: Math.floor(max / 2) }).map((n) => "\n".repeat(n) + "x"),
  );

/** A patient name (also the ordering physician's), clinical notes and decisions with messages. */
export const anyPrintedText: fc.Arbitrary<[string, string, SummaryEntry[]]> = fc.tuple(
  text(200).filter((s) => s.trim() !== ""),
  text(4_000),
  fc.array(
    fc.record({
      title: fc.constantFrom(
        "Approved (certified) · 2026-11-27 09:00 UTC",
        "Appealed by the physician",
      ),
      lines: fc.array(
        text(4_000).filter((s) => s.trim() !== ""),
        { minLength: 1, maxLength: 2 },
      ),
    }),
    { maxLength: 3 },
  ),
);

/** The runs of the PDF property: a few every run; the full count in the full-proof step. */
export const PDF_RUNS = { everyday: 5, full: 25 } as const;
