// /api/evaluate against `next start`, next to a trivial route in the same run.
// Needs a production build (`npx next build`). Run: npx tsx bench/api.ts
import autocannon from "autocannon";
import { startNext } from "./next-server";

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

const body = JSON.stringify({
  service: "hpc-boost",
  priorTransplant: "allogeneic",
  sameDonor: true,
  preparativeRegimen: false,
  boostIndication: "enhance-chimerism",
  donorChimerismPercent: 87.5,
});

async function measure(name: string, opts: autocannon.Options) {
  const r = await autocannon({ connections: 10, duration: DURATION, ...opts });
  return {
    route: name,
    "req/s": Math.round(r.requests.average),
    "p50 ms": r.latency.p50,
    "p99 ms": r.latency.p99,
    errors: r.errors + r.timeouts,
    "non-2xx": r.non2xx,
  };
}

const { base: BASE, stop } = await startNext(PORT);
const evaluateOpts: autocannon.Options = {
  url: `${BASE}/api/evaluate`,
  method: "POST",
  body,
  headers: { "content-type": "application/json" },
};
const healthOpts: autocannon.Options = { url: `${BASE}/api/health` };
// Warm both routes (JIT, route compilation) before measuring either.
await measure("warm-up", { ...healthOpts, duration: 3 });
await measure("warm-up", { ...evaluateOpts, duration: 3 });
const trivial = await measure("GET /api/health", healthOpts);
const evaluate = await measure("POST /api/evaluate", evaluateOpts);
console.table([trivial, evaluate]);
console.log(
  `/api/evaluate serves ${((evaluate["req/s"] / trivial["req/s"]) * 100).toFixed(0)}% of the trivial route's throughput ` +
    `(${DURATION} s each, 10 connections, one next start)`,
);
stop();
process.exit(0);
