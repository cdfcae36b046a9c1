import { configDefaults, defineConfig } from "vitest/config";
import everyday from "./vitest.config";

// `npm test`'s full-proof step: the proofs over every case (the whole answer space, every seeded
// PDF), which the everyday `npx vitest run` leaves out for a sample of them.
export default defineConfig({
  ...everyday,
  test: {
    ...everyday.test,
    include: ["lib/**/*.full.test.ts", "app/**/*.full.test.ts"],
    exclude: configDefaults.exclude,
  },
});
