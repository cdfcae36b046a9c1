import { describe, it } from "vitest";
import { attackSmallYears } from "@/test/small-years";

// npm test's full-proof step (vitest.full.config.ts): withheld.test.ts's attack on random small
// years, over 120 of them instead of the everyday run's 30.

describe("the attacker", () => {
  it("leaves nothing to solve in 120 small years, withholding every figure of 1 to 10 and showing the rest as they are", async () => {
    await attackSmallYears(120);
    // Half a minute alone; minutes beside other suites on this 2-core machine.
  }, 900_000);
});
