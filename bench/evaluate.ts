// evaluate() calls per second on one core, over a mix of complete and partial cases.
// Run: npx tsx bench/evaluate.ts
import { evaluate as evaluateUnder } from "@/lib/policy/engine/evaluate";
import { coveragePolicy0261 } from "@/lib/policy/packages/coverage-policy-0261";
import type { Answers } from "@/lib/policy/packages/coverage-policy-0261/fields";

const policy = coveragePolicy0261.versions[0]!;
const evaluate = (answers: Answers) => evaluateUnder(policy, answers);

const CASES: Answers[] = [
  {},
  { service: "dli", diagnosis: "cml" },
  {
    service: "dli",
    diagnosis: "cml",
    dliIndication: "relapsed",
    priorTransplant: "allogeneic",
    sameDonor: true,
    preparativeRegimen: false,
  },
  { service: "dli", diagnosis: "aml", dliIndication: "relapsed", priorTransplant: "autologous" },
  {
    service: "hpc-boost",
    priorTransplant: "allogeneic",
    sameDonor: true,
    preparativeRegimen: false,
    boostIndication: "enhance-chimerism",
    donorChimerismPercent: 87.5,
  },
  {
    service: "hpc-boost",
    priorTransplant: "autologous",
    sameDonor: true,
    preparativeRegimen: false,
    boostIndication: "promote-engraftment",
    diagnosis: "aml",
  },
  { service: "hpc-boost", priorTransplant: "allogeneic", sameDonor: false },
];

const RUNS = 7;
const CALLS = 200_000;
let sink = 0;
for (let i = 0; i < 50_000; i++) sink += evaluate(CASES[i % CASES.length]!).trace.length;

const rates: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) sink += evaluate(CASES[i % CASES.length]!).trace.length;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  rates.push(CALLS / seconds);
}
rates.sort((a, b) => a - b);
const median = rates[Math.floor(RUNS / 2)]!;
console.log(
  `evaluate(): median ${Math.round(median).toLocaleString("en-US")} calls/s ` +
    `(${(1e6 / median).toFixed(2)} µs/call; ${RUNS} runs of ${CALLS.toLocaleString("en-US")} calls, ` +
    `min ${Math.round(rates[0]!).toLocaleString("en-US")}, max ${Math.round(rates.at(-1)!).toLocaleString("en-US")})`,
);
if (sink === 0) console.log("");
