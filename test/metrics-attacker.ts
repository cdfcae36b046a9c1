// An attacker who works out withheld metrics from the published ones: every linear relation the
// figures obey is written as an integer program and solved with HiGHS (the `highs` package), once
// to minimize and once to maximize each withheld figure. A figure whose least and greatest values
// agree has been worked out. It reads the year as the JSON download publishes it (numbers, the
// withheld word, null for none), so the vitest suite and the e2e spec attack the same thing.
import highsLoader from "highs";

type Published = number | string | null;

export interface PublishedYear {
  urgencies: Record<"standard" | "expedited", Record<string, Published>>;
  monthly: {
    month: string;
    approved: Published;
    denied: Published;
    approvedAfterAppeal: Published;
  }[];
}

export interface Solved {
  cell: string;
  value: number;
}

const URGENCIES = ["standard", "expedited"] as const;
/** The urgency's percents, with the count variable each is the share of decided for. */
const PERCENTS = [
  ["approved", "A"],
  ["denied", "N"],
  ["approvedAfterAppeal", "P"],
  ["extended", "E"],
  ["approvedByRule", "R"],
  ["withinClock", "W"],
] as const;
const SERIES = [
  ["approved", "a"],
  ["denied", "n"],
  ["approvedAfterAppeal", "p"],
] as const;
const BIG = 1_000_000;

/** "+ 2.5 x" or "- 2.5 x": a term of an LP-format expression. */
const term = (coefficient: number, name: string) =>
  `${coefficient < 0 ? "-" : "+"} ${Math.abs(coefficient)} ${name}`;

let loaded: ReturnType<typeof highsLoader> | undefined;

/**
 * Every withheld figure of the year that the published ones determine, with its value: empty
 * when complementary suppression did its job.
 */
export async function solveWithheld(year: PublishedYear, withheldWord: string): Promise<Solved[]> {
  const highs = await (loaded ??= highsLoader());
  const isWithheld = (v: Published) => v === withheldWord;
  const constraints: string[] = [];
  const bounds = new Map<string, [number, number]>();
  const variables: string[] = [];
  const variable = (name: string, lo = 0, hi = BIG) => {
    variables.push(name);
    bounds.set(name, [lo, hi]);
    return name;
  };
  const fix = (name: string, value: number) => bounds.set(name, [value, value]);
  const narrow = (name: string, lo: number, hi: number) => {
    const [l, h] = bounds.get(name)!;
    bounds.set(name, [Math.max(l, lo), Math.min(h, hi)]);
  };

  // What the attacker looks for: each withheld count, and each withheld percent of a withheld
  // decided (its ratio can be known when neither count is).
  const counts: { cell: string; name: string }[] = [];
  const ratios: { cell: string; x: string; d: string }[] = [];
  const shownPercents: { cell: string; x: string; d: number }[] = [];

  for (const u of URGENCIES) {
    const f = year.urgencies[u];
    const v = (n: string) => `${u[0]}${n}`;
    for (const n of ["D", "A", "N", "P", "E", "R", "W"]) variable(v(n));
    constraints.push(`${v("A")} + ${v("N")} - ${v("D")} = 0`);
    constraints.push(`${v("P")} - ${v("N")} <= 0`);
    // Approved after an extension, and approved by rule, are approvals.
    constraints.push(`${v("E")} - ${v("A")} <= 0`);
    constraints.push(`${v("R")} - ${v("A")} <= 0`);
    constraints.push(`${v("W")} - ${v("D")} <= 0`);
    const decided = f.decided ?? null;
    // A decided count is withheld only when it is 1 to 10 (never beside another figure).
    if (isWithheld(decided)) {
      narrow(v("D"), 1, 10);
      counts.push({ cell: `${u} decided`, name: v("D") });
    } else fix(v("D"), Number(decided));
    for (const [key, x] of PERCENTS) {
      const shown = f[key] ?? null;
      if (shown === null) continue; // none: nothing decided
      if (isWithheld(shown)) {
        counts.push({ cell: `${u} ${key}`, name: v(x) });
        if (isWithheld(decided)) ratios.push({ cell: `${u} ${key} (percent)`, x: v(x), d: v("D") });
        else shownPercents.push({ cell: `${u} ${key} (percent)`, x: v(x), d: Number(decided) });
        continue;
      }
      // Shown to one decimal: 1000·x/D lies within half a unit of ten times the percent.
      const q = Math.round(Number(shown) * 10);
      if (isWithheld(decided)) {
        constraints.push(`1000 ${v(x)} ${term(-(q - 0.5), v("D"))} >= 0`);
        constraints.push(`1000 ${v(x)} ${term(-(q + 0.5), v("D"))} <= 0`);
      } else {
        const d = Number(decided);
        narrow(v(x), Math.ceil(((q - 0.5) * d) / 1000), Math.floor(((q + 0.5) * d) / 1000 - 1e-9));
      }
    }
  }
  for (const [key, s] of SERIES) {
    const months = year.monthly.map((m, i) => {
      const name = variable(`${s}${i}`);
      const shown = m[key];
      if (isWithheld(shown)) counts.push({ cell: `${m.month} ${key}`, name });
      else fix(name, Number(shown));
      return name;
    });
    const big = s.toUpperCase();
    constraints.push(`${months.join(" + ")} - s${big} - e${big} = 0`);
  }
  year.monthly.forEach((_, i) => constraints.push(`p${i} - n${i} <= 0`));

  const solve = (sense: "Minimize" | "Maximize", objective: string, extra: string[] = []) => {
    const lp = [
      sense,
      ` obj: ${objective}`,
      "Subject To",
      ...[...constraints, ...extra].map((c, i) => ` c${i}: ${c}`),
      "Bounds",
      ...variables.map((n) => ` ${bounds.get(n)![0]} <= ${n} <= ${bounds.get(n)![1]}`),
      "General",
      ` ${variables.join(" ")}`,
      "End",
    ].join("\n");
    const result = highs.solve(lp);
    return result.Status === "Optimal" ? Math.round(result.ObjectiveValue) : null;
  };
  const range = (objective: string, extra: string[] = []) => {
    const lo = solve("Minimize", objective, extra);
    const hi = solve("Maximize", objective, extra);
    return lo === null || hi === null ? null : ([lo, hi] as const);
  };
  if (range(variables[0]!) === null) throw new Error("the published figures are inconsistent");

  const solved: Solved[] = [];
  for (const { cell, name } of counts) {
    const r = range(name)!;
    if (r[0] === r[1]) solved.push({ cell, value: r[0] });
  }
  // A withheld percent of a shown decided: worked out if every count it may be rounds alike.
  const shownAs = (x: number, d: number) => Math.round((x * 1000) / d);
  for (const { cell, x, d } of shownPercents) {
    const r = range(x)!;
    if (r[0] !== r[1] && shownAs(r[0], d) === shownAs(r[1], d))
      solved.push({ cell, value: shownAs(r[0], d) / 10 });
  }
  // A withheld percent of a withheld decided: every decided it may be, and the counts with it.
  for (const { cell, x, d } of ratios) {
    const shown = new Set<number>();
    for (let dv = 1; dv <= 10 && shown.size < 2; dv++) {
      const r = range(x, [`${d} = ${dv}`]);
      if (!r) continue;
      for (let xv = r[0]; xv <= r[1] && shown.size < 2; xv++)
        if (solve("Minimize", x, [`${d} = ${dv}`, `${x} = ${xv}`]) !== null)
          shown.add(shownAs(xv, dv));
    }
    if (shown.size === 1) solved.push({ cell, value: [...shown][0]! / 10 });
  }
  return solved;
}
