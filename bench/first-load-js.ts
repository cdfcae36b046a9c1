// First-load JavaScript per page, as a modern browser downloads it from `next start`.
// Needs a production build (`npx next build`). Run: npx tsx bench/first-load-js.ts
//
// Counts every response of resource type "script" during a cold first load (fresh browser
// context, no cache), except scripts marked `nomodule`. Each body is gzipped with node:zlib at
// level 9; the bytes actually transferred as served (after the server's own compression) are
// reported next to it. Inline <script> elements are not responses and are not counted.
import { chromium, type Page } from "@playwright/test";
import { gzipSync } from "node:zlib";
import { CHROMIUM_ARGS, CHROMIUM_PATH, startNext } from "./next-server";

const PORT = Number(process.env.BENCH_PORT ?? 3201);
const PAGES = ["/", "/policy", "/wizard/fixture-policy-9001", "/metrics"];
const BUDGET_PATH = "/";
const BUDGET_KB = 150;
// Text only one policy has: what a page ships of the other policy, scripts and HTML alike.
const MARKERS: Record<string, string> = {
  "/": "Widget infusion",
  "/wizard/fixture-policy-9001": "Donor lymphocyte infusion",
};
// Text only the metrics' charts and tables have: in a script, it would be chart code sent along.
const NO_CODE_OF: Record<string, string[]> = {
  "/metrics": ["data-chart", "Decision times against the clock", "fewer than 11"],
};
// A page with no code of its own: a script another page loads beyond these is that page's own.
const FRAMEWORK_PATH = "/no-such-page";
const KB = 1024;

type Script = { name: string; gzip: number; transferred: number; text: string };

async function firstLoadScripts(page: Page, path: string) {
  const pending: Promise<Script | null>[] = [];
  page.on("response", (response) => {
    const request = response.request();
    if (request.resourceType() !== "script") return;
    pending.push(
      (async () => {
        const body = await response.body();
        const sizes = await request.sizes();
        return {
          name: new URL(response.url()).pathname,
          gzip: gzipSync(body, { level: 9 }).length,
          transferred: sizes.responseBodySize,
          text: body.toString("utf8"),
        };
      })().catch(() => null),
    );
  });
  await page.goto(`${BASE}${path}`, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  const noModule = new Set(
    await page.$$eval("script[nomodule][src]", (els) =>
      els.map((el) => new URL((el as HTMLScriptElement).src, location.href).pathname),
    ),
  );
  const scripts = (await Promise.all(pending)).filter(
    (s): s is Script => s !== null && !noModule.has(s.name),
  );
  const inline = await page.$$eval("script:not([src])", (els) =>
    els.map((el) => el.textContent ?? ""),
  );
  return {
    scripts,
    html: await page.content(),
    skippedNoModule: noModule.size,
    inlineCount: inline.length,
    inlineGzip: gzipSync(Buffer.from(inline.join("")), { level: 9 }).length,
  };
}

const kb = (bytes: number) => Number((bytes / KB).toFixed(1));

// The test-only fixture policy is listed, to measure a second package's wizard beside 0261's.
const { base: BASE, stop } = await startNext(PORT, {
  env: { ...process.env, FIXTURE_POLICIES: "1" },
});
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

const frameworkContext = await browser.newContext();
const framework = new Set(
  (await firstLoadScripts(await frameworkContext.newPage(), FRAMEWORK_PATH)).scripts.map(
    (s) => s.name,
  ),
);
await frameworkContext.close();

const rows = [];
const notes: string[] = [];
let budgetTotal: number | undefined;
for (const path of PAGES) {
  const status = (await fetch(`${BASE}${path}`)).status;
  if (status === 404) {
    notes.push(`${path}: 404, skipped`);
    continue;
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  const result = await firstLoadScripts(page, path);
  await context.close();

  const { scripts } = result;
  scripts.sort((a, b) => b.gzip - a.gzip);
  const gzip = scripts.reduce((sum, s) => sum + s.gzip, 0);
  const transferred = scripts.reduce((sum, s) => sum + s.transferred, 0);
  if (path === BUDGET_PATH) budgetTotal = gzip;
  rows.push({
    page: path,
    scripts: scripts.length,
    "KB gzip -9": kb(gzip),
    "KB as served": kb(transferred),
    "largest (KB gzip -9)": scripts
      .slice(0, 3)
      .map((s) => `${s.name.split("/").pop()} ${kb(s.gzip)}`)
      .join(", "),
  });
  const marker = MARKERS[path];
  if (marker) {
    const found = [result.html, ...scripts.map((s) => s.text)].some((t) => t.includes(marker));
    notes.push(`${path}: the other policy's "${marker}" is ${found ? "SHIPPED" : "not shipped"}`);
  }
  const noCode = NO_CODE_OF[path];
  if (noCode) {
    const own = scripts.filter((s) => !framework.has(s.name));
    const found = noCode.filter((m) => scripts.some((s) => s.text.includes(m)));
    notes.push(
      `${path}: ${own.length} script(s) beyond the ${FRAMEWORK_PATH} page's framework ` +
        `(${kb(own.reduce((sum, s) => sum + s.gzip, 0))} KB gzip -9${own.length ? `: ${own.map((s) => s.name).join(", ")}` : ""}); ` +
        `chart and table text in its scripts: ${found.length ? found.join(", ") : "none"}`,
    );
  }
  notes.push(
    `${path}: ${result.skippedNoModule} nomodule script(s) excluded; ` +
      `${result.inlineCount} inline script(s), ${kb(result.inlineGzip)} KB gzip -9, not counted`,
  );
}
await browser.close();

console.table(rows);
for (const note of notes) console.log(note);
if (budgetTotal !== undefined) {
  const verdict = budgetTotal <= BUDGET_KB * KB ? "within" : "OVER";
  console.log(
    `Budget: ${BUDGET_PATH} first-load JS ${kb(budgetTotal)} KB gzip of at most ${BUDGET_KB} KB ` +
      `(${verdict} budget; ${((budgetTotal / (BUDGET_KB * KB)) * 100).toFixed(0)}%)`,
  );
}
console.log(
  "KB = 1,024 bytes. 'gzip -9': each script body gzipped by node:zlib at level 9; " +
    "'as served': response body bytes on the wire from next start.",
);
stop();
process.exit(0);
