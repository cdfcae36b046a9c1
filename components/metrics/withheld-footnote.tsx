import type { Cell } from "@/lib/metrics/cells";
import { SUPPRESSED, SUPPRESSED_FOOTNOTE } from "@/lib/metrics/definitions";

/** Under a table with withheld figures: what "withheld" means. */
export function WithheldFootnote({ cells }: { cells: readonly Cell[] }) {
  if (!cells.some((c) => c.kind === "suppressed")) return null;
  return (
    <p className="mt-2 text-sm text-slate-700">
      <span aria-hidden="true">*</span> {SUPPRESSED}: {SUPPRESSED_FOOTNOTE}.
    </p>
  );
}
