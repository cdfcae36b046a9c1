// Debian's Chromium, as the e2e tests and the benchmarks launch it (Playwright's own browser
// download cannot run here; the background-networking flags keep it off the closed network).
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
