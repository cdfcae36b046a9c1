import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      "server-only": fileURLToPath(new URL("./test/stubs/server-only.ts", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts"],
    environment: "node",
    // The suite also runs on busy 2-core machines (CI, and beside other suites): a test that opens
    // a database or renders a PDF gets a minute, not vitest's 5 s; the whole-space walks set more.
    testTimeout: 60_000,
    // The repository writes an audit log line per event; the tests do not read stdout.
    env: { LOG_LEVEL: "silent" },
  },
});
