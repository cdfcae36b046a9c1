// What the metrics must say about a list of requests with known histories, worked out in plain
// arithmetic, independently of lib/metrics: the vitest metrics tests and the e2e spec compare
// the app's figures with these. Pure (no server module), so Playwright can load it.
import type { Urgency } from "@/lib/request-model/vocabulary";

export type CaseAction =
  | "approve"
  | "deny"
  | "request-information"
  | "reply"
  | "extend"
  | "appeal"
  | "uphold"
  | "overturn"
  | "withdraw";

/** When a step is taken: hours after submission, or an exact ISO time. */
export type CaseTime = number | string;

export interface MetricsCase {
  urgency: Urgency;
  submittedAt: string;
  steps: readonly (readonly [CaseAction, CaseTime])[];
  /** Submitted with the physician's attestation where rule approval is on: approved at once. */
  ruleApproved?: boolean;
}

const HOUR = 3_600_000;

export const stepTime = (c: MetricsCase, at: CaseTime) =>
  typeof at === "string" ? new Date(at) : new Date(Date.parse(c.submittedAt) + at * HOUR);

export interface ExpectedGroup {
  decided: number;
  approved: number;
  denied: number;
  approvedAfterAppeal: number;
  /** Extended, then approved at the first decision (CMS's "extended" figure). */
  extended: number;
  approvedByRule: number;
  withinClock: number;
  /** Each decided request's time from submission to first approval or denial. */
  decisionMs: number[];
}

/** The case's first approval or denial, if it has one. */
function firstDecision(c: MetricsCase) {
  if (c.ruleApproved) return { action: "approve", at: new Date(c.submittedAt) };
  const step = c.steps.find(([action]) => action === "approve" || action === "deny");
  return step ? { action: step[0], at: stepTime(c, step[1]) } : undefined;
}

/**
 * What the metrics must count for the cases whose first decision fell in [from, to) (UTC
 * days): per urgency, and, in `monthly`, per YYYY-MM of the first decision, both urgencies.
 */
export function expectedGroups(cases: readonly MetricsCase[], from: string, to: string) {
  const empty = (): ExpectedGroup => ({
    decided: 0,
    approved: 0,
    denied: 0,
    approvedAfterAppeal: 0,
    extended: 0,
    approvedByRule: 0,
    withinClock: 0,
    decisionMs: [],
  });
  const byUrgency: Record<Urgency, ExpectedGroup> = { standard: empty(), expedited: empty() };
  const monthly = new Map<string, ExpectedGroup>();
  for (const c of cases) {
    const first = firstDecision(c);
    if (!first) continue;
    const day = first.at.toISOString().slice(0, 10);
    if (day < from || day >= to) continue;
    const ms = first.at.getTime() - Date.parse(c.submittedAt);
    const month = day.slice(0, 7);
    if (!monthly.has(month)) monthly.set(month, empty());
    for (const group of [byUrgency[c.urgency], monthly.get(month)!]) {
      group.decided++;
      if (first.action === "approve") group.approved++;
      else group.denied++;
      if (c.steps.some(([a]) => a === "overturn")) group.approvedAfterAppeal++;
      if (first.action === "approve" && c.steps.some(([a]) => a === "extend")) group.extended++;
      if (c.ruleApproved) group.approvedByRule++;
      if (ms <= (c.urgency === "expedited" ? 72 : 168) * HOUR) group.withinClock++;
      group.decisionMs.push(ms);
    }
  }
  return { byUrgency, monthly };
}

export const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const small = (n: number) => n >= 1 && n <= 10;
export const WITHHELD = "withheld (small numbers)";

// One word for a figure withheld, small or beside a small one (so none gives the other away).
// More figures than these rules name may be withheld beside a small one: the specs accept
// WITHHELD where a value is expected, and attack what is withheld (test/metrics-attacker.ts).

/** The text the public page shows for a count, unless it is withheld beside a small one. */
export const shownCount = (n: number) => (small(n) ? WITHHELD : n.toLocaleString("en-US"));

/** The text the public page shows for n of the group's decided requests as a percent. */
export function shownPercent(n: number, of: number) {
  if (of === 0) return "none";
  if (small(n) || small(of)) return WITHHELD;
  return `${(Math.round((n / of) * 1000) / 10).toFixed(1)}%`;
}

/**
 * The approved and denied percents: every decided request is one or the other, so when either
 * is withheld the other would give it away, and is withheld too.
 */
export function shownApprovedDenied(
  g: Pick<ExpectedGroup, "approved" | "denied" | "decided">,
): [string, string] {
  const pair: [string, string] = [
    shownPercent(g.approved, g.decided),
    shownPercent(g.denied, g.decided),
  ];
  return pair.includes(WITHHELD) ? [WITHHELD, WITHHELD] : pair;
}

/** The text the public page shows for a time over `of` requests. */
export function shownHours(ms: number, of: number) {
  if (of === 0) return "none";
  if (small(of)) return WITHHELD;
  return `${(Math.round(ms / 360_000) / 10).toFixed(1)} hours`;
}
