import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      "server-only": fileURLToPath(new URL("./test/stubs/server-only.ts", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts"],
    // The full proofs (*.full.test.ts, minutes each) are their own step of `npm test`:
    // vitest.full.config.ts. The everyday run proves the same over the cases users produce.
    exclude: [...configDefaults.exclude, "**/*.full.test.ts"],
    environment: "node",
    // One test file per CPU. Vitest's default is one fewer than the CPUs, which on a 2-core
    // machine runs every file one after the other. Every file opens its own databases (fresh
    // SQLite files, fresh PostgreSQL databases) and binds only port 0, so files run side by side.
    maxWorkers: availableParallelism(),
    // The suite also runs on busy 2-core machines (CI, and beside other suites): a test that opens
    // a database or renders a PDF gets a minute, not vitest's 5 s; the whole-space walks set more.
    testTimeout: 60_000,
    // Hooks open, migrate and drop those databases: the same minute, not vitest's 10 s.
    hookTimeout: 60_000,
    // The repository writes an audit log line per event; the tests do not read stdout.
    env: { LOG_LEVEL: "silent" },
  },
});
