import { defineConfig, devices, type PlaywrightTestConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./e2e/chromium";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const PG_PORT = PORT + 1;
export const BASE_URL = `http://127.0.0.1:${PORT}`;
const PG_BASE_URL = `http://127.0.0.1:${PG_PORT}`;
// `npm test` exports it (scripts/ensure-postgres.sh): the workspace flows then run on PostgreSQL too.
const postgres = process.env.TEST_POSTGRES_URL;

const browser = {
  ...devices["Desktop Chrome"],
  launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
};

const server = (port: number, env: string) => ({
  command: `${env} PORT=${port} npx tsx --conditions=react-server scripts/e2e-server.ts`,
  url: `http://127.0.0.1:${port}/api/health`,
  reuseExistingServer: false,
  timeout: 90_000,
});

const config: PlaywrightTestConfig = {
  testDir: "e2e",
  fullyParallel: true,
  // Sign-ins check argon2id hashes and pages render on the server: on this 2-core machine, with
  // other suites running beside this one (load average 10 and more), 30 s per test is too tight.
  timeout: 60_000,
  // Playwright's 5 s default for one expectation failed in CI on a cold `next start` (a spec that
  // starts its own instance signs in on routes nobody has rendered yet, under load average 10+).
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: [["list"]],
  use: { baseURL: BASE_URL, trace: "retain-on-failure" },
  projects: [
    { name: "api", testMatch: "api/**/*.spec.ts" },
    { name: "chromium", testIgnore: "api/**", use: browser },
    ...(postgres
      ? [
          {
            name: "chromium-postgres",
            // The specs that run a flow on the database, where the engine could change what
            // users see: the review loop, the decision process, PAS, and who may read what.
            // Single API calls and read-only pages are proved on both engines by the repository
            // tests (lib/**/*.test.ts, ENGINES), and a spec that reads the SQLite file itself
            // (e2e/e2e-database.ts) cannot run here.
            testMatch: [
              "workspace-flow.spec.ts",
              "workspace-review.spec.ts",
              "review-loop.spec.ts",
              "decision-process.spec.ts",
              "pas-loop.spec.ts",
              "ehr-integration.spec.ts",
              "workspace-access.spec.ts",
              "cdex-loop.spec.ts",
              "subscriptions.spec.ts",
            ],
            use: { ...browser, baseURL: PG_BASE_URL },
          },
        ]
      : []),
  ],
  // The suite runs against the production build (`next build` first), as users get it.
  webServer: [
    server(PORT, ""),
    ...(postgres ? [server(PG_PORT, `E2E_POSTGRES_SERVER=${postgres}`)] : []),
  ],
};

export default defineConfig(config);
