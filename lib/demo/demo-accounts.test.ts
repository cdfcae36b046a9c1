import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO_USERS, demoBanner } from "./demo-accounts";

describe("the demo banner", () => {
  it("names the demo accounts and never prints a password", () => {
    const banner = demoBanner("3000", DEMO_USERS);
    for (const user of DEMO_USERS) {
      expect(banner).toContain(user.email);
      expect(banner).not.toContain(user.password);
    }
    expect(banner).toContain("http://localhost:3000");
  });

  it("leaves the passwords where a person looks for them: the README", () => {
    const readme = readFileSync("README.md", "utf8").replace(/\s+/g, " ");
    for (const user of DEMO_USERS) expect(readme).toContain(`${user.email}\` / \`${user.password}`);
  });
});
