import { SMALL_CELL_LIMIT, SUPPRESSED, type Unit } from "./definitions";

/** One figure as it is published: a value, withheld as too small, or none (nothing to divide). */
export type Cell = { kind: "value"; value: number } | { kind: "suppressed" } | { kind: "none" };

/** Whether a figure resting on this many requests is withheld. */
export type Suppression = (requests: number) => boolean;

/** The public rule: 1 to 10 requests are too few to show; zero is shown. */
export const smallCells: Suppression = (n) => n >= 1 && n <= SMALL_CELL_LIMIT;
/** Signed-in staff see every figure. */
export const noSuppression: Suppression = () => false;

const HOUR = 3_600_000;

export function countCell(n: number, suppress: Suppression): Cell {
  return suppress(n) ? { kind: "suppressed" } : { kind: "value", value: n };
}

/** numerator / denominator as a percent with one decimal. */
export function percentCell(numerator: number, denominator: number, suppress: Suppression): Cell {
  if (denominator === 0) return { kind: "none" };
  if (suppress(numerator) || suppress(denominator)) return { kind: "suppressed" };
  return { kind: "value", value: Math.round((numerator * 1000) / denominator) / 10 };
}

/** A time in hours with one decimal, resting on `requests` decision times. */
export function hoursCell(ms: number | null, requests: number, suppress: Suppression): Cell {
  if (requests === 0 || ms === null) return { kind: "none" };
  if (suppress(requests)) return { kind: "suppressed" };
  return { kind: "value", value: Math.round(ms / (HOUR / 10)) / 10 };
}

/** The cell as the page shows it: "1,204", "72.7%", "31.4 hours", "withheld", "none". */
export function showCell(cell: Cell, unit: Unit): string {
  if (cell.kind === "suppressed") return SUPPRESSED;
  if (cell.kind === "none") return "none";
  if (unit === "percent") return `${cell.value.toFixed(1)}%`;
  if (unit === "hours") return `${cell.value.toFixed(1)} hours`;
  return cell.value.toLocaleString("en-US");
}

/** The cell in a CSV: "1204", "72.7", "31.4", "withheld", "none". */
export function csvCell(cell: Cell, unit: Unit): string {
  if (cell.kind === "suppressed") return SUPPRESSED;
  if (cell.kind === "none") return "none";
  return unit === "requests" ? String(cell.value) : cell.value.toFixed(1);
}

/** The cell in JSON: a number, "withheld", or null for none. */
export function jsonCell(cell: Cell): number | string | null {
  if (cell.kind === "suppressed") return SUPPRESSED;
  if (cell.kind === "none") return null;
  return cell.value;
}
