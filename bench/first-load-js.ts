// First-load JavaScript per page, as a modern browser downloads it from `next start`.
// Needs a production build (`npx next build`). Run: npx tsx bench/first-load-js.ts
//
// Counts every response of resource type "script" during a cold first load (fresh browser
// context, no cache), except scripts marked `nomodule`. Each body is gzipped with node:zlib at
// level 9; the bytes actually transferred as served (after the server's own compression) are
// reported next to it. Inline <script> elements are not responses and are not counted.
import { chromium, type Page } from "@playwright/test";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";

const PORT = Number(process.env.BENCH_PORT ?? 3201);
const BASE = `http://127.0.0.1:${PORT}`;
const PAGES = ["/", "/policy"];
const BUDGET_PATH = "/";
const BUDGET_KB = 160;
const KB = 1024;

if (!existsSync(".next/BUILD_ID")) {
  console.error("No production build in .next: run `npx next build` first.");
  process.exit(1);
}

const server = spawn("npx", ["next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
  stdio: "ignore",
  detached: true,
});
const stop = () => {
  server.removeAllListeners("exit");
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {}
};
process.on("exit", stop);
server.on("exit", (code) => {
  console.error(`next start exited early (code ${code}); is port ${PORT} free?`);
  process.exit(1);
});

async function waitForServer() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("next start did not answer within 60 s");
}

type Script = { name: string; gzip: number; transferred: number };

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
    skippedNoModule: noModule.size,
    inlineCount: inline.length,
    inlineGzip: gzipSync(Buffer.from(inline.join("")), { level: 9 }).length,
  };
}

const kb = (bytes: number) => Number((bytes / KB).toFixed(1));

await waitForServer();
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});

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
