// Lighthouse scores per page against `next start`, median of 3 runs, desktop preset.
// Needs a production build (`npx next build`). Run: npx tsx bench/lighthouse.ts
//
// Categories performance, accessibility and best-practices; a fresh Chromium for each run. For a
// category that scored under 100 in any run, lists the audits that scored below 1.
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig, type Result } from "lighthouse";
import { CHROMIUM_ARGS, CHROMIUM_PATH, startNext } from "./next-server";

const PORT = Number(process.env.BENCH_PORT ?? 3202);
const PAGES = ["/", "/policy"];
const RUNS = 3;
const CATEGORIES = ["performance", "accessibility", "best-practices"];
const PRESET = "desktop (lighthouse/core/config/desktop-config.js: simulated throttling)";

// A fresh Chromium per run, so no run inherits another's HTTP cache (e.g. a cached favicon 404).
const launchChrome = () =>
  chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ["--headless=new", ...CHROMIUM_ARGS],
  });
let chrome: chromeLauncher.LaunchedChrome | undefined;
process.on("exit", () => {
  try {
    chrome?.kill();
  } catch {}
});

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
// One line from a failing binary audit's details table (console message, node, URL), if any.
function firstDetail(audit: Result["audits"][string]) {
  if (audit.scoreDisplayMode !== "binary") return "";
  const details = audit.details as { items?: Record<string, unknown>[] } | undefined;
  const item = details?.items?.[0];
  if (!item) return "";
  const location = item.sourceLocation as { url?: string } | undefined;
  const node = item.node as { snippet?: string } | undefined;
  return [item.description, location?.url ?? item.url, node?.snippet]
    .filter((x) => typeof x === "string" && x)
    .join(" ");
}
const score = (lhr: Result, category: string) =>
  Math.round((lhr.categories[category]?.score ?? 0) * 100);

const { base: BASE, stop } = await startNext(PORT);
const rows = [];
const failing: string[] = [];
const notes: string[] = [];
let version = "?";
let browser = "?";
for (const path of PAGES) {
  const status = (await fetch(`${BASE}${path}`)).status;
  if (status === 404) {
    notes.push(`${path}: 404, skipped`);
    continue;
  }
  const runs: Result[] = [];
  for (let i = 0; i < RUNS; i++) {
    chrome = await launchChrome();
    const result = await lighthouse(
      `${BASE}${path}`,
      { port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES },
      desktopConfig,
    );
    chrome.kill();
    chrome = undefined;
    if (!result) throw new Error(`Lighthouse returned no result for ${path}`);
    if (result.lhr.runtimeError) {
      throw new Error(`Lighthouse failed on ${path}: ${result.lhr.runtimeError.message}`);
    }
    for (const warning of result.lhr.runWarnings) notes.push(`${path} run ${i + 1}: ${warning}`);
    version = result.lhr.lighthouseVersion;
    browser = result.lhr.environment.hostUserAgent.match(/(?:Headless)?Chrome\/[\d.]+/)?.[0] ?? "?";
    runs.push(result.lhr);
  }

  const row: Record<string, string | number> = { page: path };
  for (const category of CATEGORIES) {
    const scores = runs.map((lhr) => score(lhr, category));
    const med = median(scores);
    row[category] = med;
    row[`${category} runs`] = scores.join("/");
    if (scores.every((x) => x === 100)) continue;
    // Audits in this category that scored below 1 in any run, with how many runs they failed.
    const failed = new Map<
      string,
      { title: string; runs: number; values: string[]; detail: string }
    >();
    for (const lhr of runs) {
      for (const ref of lhr.categories[category]!.auditRefs) {
        const audit = lhr.audits[ref.id]!;
        if (audit.score === null || audit.score >= 1) continue;
        const entry = failed.get(ref.id) ?? {
          title: audit.title,
          runs: 0,
          values: [],
          detail: firstDetail(audit),
        };
        entry.runs++;
        entry.values.push(
          audit.score.toFixed(2) + (audit.displayValue ? ` (${audit.displayValue})` : ""),
        );
        failed.set(ref.id, entry);
      }
    }
    failing.push(`${path} ${category} (median ${med}, runs ${scores.join("/")}), audits < 1:`);
    for (const [id, f] of failed) {
      failing.push(`  ${id} — ${f.title}: ${f.runs}/${RUNS} runs, score ${f.values.join(" / ")}`);
      if (f.detail) failing.push(`    e.g. ${f.detail}`);
    }
  }
  rows.push(row);
}
stop();

console.log(
  `Lighthouse ${version} on ${browser} · preset: ${PRESET} · median of ${RUNS} runs per page`,
);
console.table(rows);
for (const line of failing) console.log(line);
for (const note of notes) console.log(note);
process.exit(0);
