// Outcome latency in Chromium: time from a click on an answer to the live region changing,
// over 200 changes, and to the next frame after it. Needs a production build.
// Run: npx tsx bench/outcome-latency.ts
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH, startNext } from "./next-server";

const PORT = Number(process.env.BENCH_PORT ?? 3203);
const CHANGES = 200;

const { base, stop } = await startNext(PORT);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage();
await page.goto(base);
await page.locator("form[data-ready]").waitFor({ state: "attached" });

// Alternating the service answer changes the determination sentence and the trace each time.
const samples = await page.evaluate(async (changes) => {
  // The outcome panel's live region (the FHIR import has a status region of its own).
  const status = document.querySelector('[data-testid="outcome"]')!;
  const radios = [...document.querySelectorAll<HTMLInputElement>('input[name="service"]')];
  const results: { mutation: number; frame: number }[] = [];
  for (let i = 0; i < changes + 20; i++) {
    const radio = radios[i % radios.length]!;
    const changed = new Promise<number>((resolve, reject) => {
      const observer = new MutationObserver(() => {
        observer.disconnect();
        resolve(performance.now());
      });
      setTimeout(() => reject(new Error(`the live region did not change (change ${i})`)), 5000);
      observer.observe(status, { subtree: true, childList: true, characterData: true });
    });
    const start = performance.now();
    radio.click();
    const mutated = await changed;
    const framed = await new Promise<number>((r) =>
      requestAnimationFrame(() => r(performance.now())),
    );
    if (i >= 20) results.push({ mutation: mutated - start, frame: framed - start });
    await new Promise((r) => setTimeout(r, 5));
  }
  return results;
}, CHANGES);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const row = (name: string, xs: number[]) => ({
  measure: name,
  "p50 ms": Number(pct(xs, 50).toFixed(2)),
  "p95 ms": Number(pct(xs, 95).toFixed(2)),
  "max ms": Number(Math.max(...xs).toFixed(2)),
});
console.table([
  row(
    "click → live region changed",
    samples.map((s) => s.mutation),
  ),
  row(
    "click → next animation frame",
    samples.map((s) => s.frame),
  ),
]);
console.log(
  `${samples.length} changes after 20 warm-up changes; budget p95 ≤ 8 ms for the live region.`,
);
await browser.close();
stop();
process.exit(0);
