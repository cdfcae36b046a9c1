import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// A pure folder runs unchanged in the browser and on the server, so it may import no framework,
// no Node API and no server module: only itself, the pure folders listed, and libraries such as zod.
const NODE_APIS = [
  "fs",
  "path",
  "crypto",
  "child_process",
  "os",
  "http",
  "https",
  "url",
  "util",
  "stream",
  "process",
];
const pureFolder = (folder, mayImport = []) => ({
  files: [`${folder}/**/*.ts`],
  ignores: [`${folder}/**/*.test.ts`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            group: ["react", "react/*", "react-dom", "react-dom/*"],
            message: `${folder} is pure: no React.`,
          },
          { group: ["next", "next/*"], message: `${folder} is pure: no Next.js.` },
          { group: ["node:*"], message: `${folder} is pure: no Node APIs.` },
          {
            group: ["server-only", "client-only"],
            message: `${folder} runs in the browser and on the server.`,
          },
          {
            group: [
              "@/lib/*",
              ...[folder, ...mayImport].flatMap((f) => [`!@/${f}`, `!@/${f}/*`]),
              "@/app/*",
              "@/components/*",
              "@/test/*",
            ],
            message: `${folder} imports only ${[folder, ...mayImport].join(", ")} (and libraries such as zod).`,
          },
        ],
        paths: NODE_APIS.map((name) => ({ name, message: `${folder} is pure: no Node APIs.` })),
      },
    ],
  },
});

// lib/policy is the pure engine and its packages. lib/request-model is the request's vocabulary
// (states and steps, roles, urgency, decisions, due dates, X12 codes, access, attachment checks),
// which the database schema, the forms and the server all import.
const PURE_POLICY = pureFolder("lib/policy");
const PURE_REQUEST_MODEL = pureFolder("lib/request-model", ["lib/policy", "lib/time"]);

// Pages, routes and server modules reach the database through appContext(), which runs the
// start-up migrations first: a direct getDb() can open a transaction on SQLite's one handle while
// the start-up lock holds it (a 500 on /metrics found this).
const ONE_WAY_TO_THE_DATABASE = {
  files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.ts"],
  ignores: ["lib/policy/**", "lib/request-model/**", "lib/server/app-context.ts", "**/*.test.ts"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        paths: [
          {
            name: "@/lib/db/database",
            importNames: ["getDb"],
            message: "Use appContext() from @/lib/server/app-context: it migrates first.",
          },
        ],
      },
    ],
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  PURE_POLICY,
  PURE_REQUEST_MODEL,
  ONE_WAY_TO_THE_DATABASE,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      // The Smart Forms harness as e2e/smart-forms.spec.ts bundles it: generated, not source.
      ".e2e-smart-forms/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
