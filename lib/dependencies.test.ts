import { createRequire } from "node:module";
import { expect, it } from "vitest";

const installed = (name: string) =>
  (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version;

const atLeast = (version: string, minimum: string) => {
  const [a, b] = [version, minimum].map((v) => v.split(/[.-]/).slice(0, 3).map(Number));
  for (let i = 0; i < 3; i++) if (a![i] !== b![i]) return a![i]! > b![i]!;
  return true;
};

it("runs a Next.js with the 16.4.1 security fixes", () => {
  expect(atLeast(installed("next"), "16.4.1"), `next ${installed("next")}`).toBe(true);
});
