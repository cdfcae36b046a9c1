import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

// The map of the layers (the README's "Project layout" states it): a module may import from its
// own floor and the floors below it, never from a floor above. lib/policy and lib/request-model
// are kept pure by lint as well (eslint.config.mjs).
const FLOORS: readonly (readonly string[])[] = [
  ["lib/time", "lib/policy"],
  ["lib/request-model"],
  ["lib/validations", "lib/draft-storage.ts"],
  ["lib/env.ts", "lib/log"],
  ["lib/db"],
  ["lib/audit"],
  ["lib/auth"],
  [
    "lib/requests",
    "lib/server",
    "lib/http",
    "lib/fhir",
    "lib/pdf",
    "lib/metrics",
    "lib/smart",
    "lib/pas",
    "lib/cds-hooks",
    "lib/dtr",
    "lib/cdex",
    "lib/subscriptions",
    "lib/demo",
  ],
  ["components"],
  ["app"],
];

// The one import that runs up: the e2e server lists the test-only fixture policy.
const ALLOWED_UPWARD = ["lib/server/policies.ts -> test/fixture-policy/index.ts"];

const ROOT = path.resolve(import.meta.dirname, "..");
const SOURCE = /\.(ts|tsx)$/;
const NOT_SOURCE = /\.(test|spec|d)\.tsx?$/;

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const file = `${dir}/${name}`;
    if (statSync(path.join(ROOT, file)).isDirectory()) return sources(file);
    return SOURCE.test(name) && !NOT_SOURCE.test(name) ? [file] : [];
  });
}

function resolved(from: string, spec: string): string | undefined {
  const base = spec.startsWith("@/")
    ? spec.slice(2)
    : spec.startsWith(".")
      ? path.posix.join(path.posix.dirname(from), spec)
      : undefined;
  if (base === undefined) return undefined;
  for (const ending of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    const file = base + ending;
    try {
      if (statSync(path.join(ROOT, file)).isFile()) return file;
    } catch {}
  }
  return base;
}

const floorOf = (file: string): number | undefined => {
  const floor = FLOORS.findIndex((homes) =>
    homes.some((home) => file === home || file.startsWith(`${home}/`)),
  );
  return floor === -1 ? undefined : floor;
};

// An import's or re-export's clause (names, braces, `type`, `* as`) and then its module.
const IMPORT =
  /\b(?:import|export)\b[\w\s{},*$]*?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  return [...text.matchAll(IMPORT)].flatMap((m) => {
    const target = resolved(file, (m[1] ?? m[2])!);
    return target === undefined ? [] : [target];
  });
}

const files = ["lib", "components", "app"].flatMap(sources);

it("has every source folder on the map of the layers", () => {
  expect(files.filter((file) => floorOf(file) === undefined)).toEqual([]);
});

it("finds the imports it checks (the map is not vacuous)", () => {
  const edges = files.flatMap((file) => importsOf(file).map((target) => [file, target]));
  expect(edges.length).toBeGreaterThan(1000);
  expect(edges).toContainEqual(["lib/db/schema.ts", "lib/request-model/state-machine.ts"]);
});

it("has no import that runs up the layers but the one allowed", () => {
  const upward = files.flatMap((file) =>
    importsOf(file)
      .filter((target) => {
        const to = floorOf(target);
        return to === undefined || to > floorOf(file)!;
      })
      .map((target) => `${file} -> ${target}`),
  );
  expect(upward).toEqual(ALLOWED_UPWARD);
});
