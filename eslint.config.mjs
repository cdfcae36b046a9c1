import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// lib/policy is the pure engine and its packages: it runs unchanged in the browser and on the
// server, so it may import no framework, no Node API and no server module.
const PURE_POLICY = {
  files: ["lib/policy/**/*.ts"],
  ignores: ["lib/policy/**/*.test.ts"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            group: ["react", "react/*", "react-dom", "react-dom/*"],
            message: "lib/policy is pure: no React.",
          },
          { group: ["next", "next/*"], message: "lib/policy is pure: no Next.js." },
          { group: ["node:*"], message: "lib/policy is pure: no Node APIs." },
          {
            group: ["server-only", "client-only"],
            message: "lib/policy runs in the browser and on the server.",
          },
          {
            group: [
              "@/lib/*",
              "!@/lib/policy",
              "!@/lib/policy/*",
              "@/app/*",
              "@/components/*",
              "@/test/*",
            ],
            message: "lib/policy imports only lib/policy (and libraries such as zod).",
          },
        ],
        paths: [
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
        ].map((name) => ({ name, message: "lib/policy is pure: no Node APIs." })),
      },
    ],
  },
};

// Pages, routes and server modules reach the database through appContext(), which runs the
// start-up migrations first: a direct getDb() can open a transaction on SQLite's one handle while
// the start-up lock holds it (a 500 on /metrics found this).
const ONE_WAY_TO_THE_DATABASE = {
  files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.ts"],
  ignores: ["lib/policy/**", "lib/server/app-context.ts", "**/*.test.ts"],
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
