// Random and adversarial input for the hostile-input sweep (fast-check arbitraries).
import fc from "fast-check";
import { memberPaths, withMember } from "../test/json-members";

/** Fragments an attacker tries first: SQL, HTML and template injection, odd unicode, paths. */
export const FRAGMENTS = [
  "'; DROP TABLE requests; --",
  '" OR 1=1 --',
  "1); SELECT pg_sleep(10); --",
  "<img src=x onerror=alert(1)>",
  '"><script>alert(1)</script>',
  "<svg onload=alert(1)>",
  "javascript:alert(1)",
  "{{7*7}}",
  "${7*7}",
  "%00%0d%0aSet-Cookie: x=1",
  "\u0000",
  "\ud800",
  "\u202eevil",
  "👩‍⚕️🩸",
  "../../../etc/passwd",
  "R-2026-000001",
  "__proto__",
  "NaN",
  "-1",
  "1e309",
] as const;

/** The fragments that would become markup if echoed unescaped into a page. */
export const MARKUP = FRAGMENTS.filter((f) => f.includes("<"));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...FRAGMENTS),
  fc.string({ unit: "binary", maxLength: 120 }),
  fc.string({ unit: "grapheme", maxLength: 120 }),
  fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...FRAGMENTS)).map(([a, b]) => a + b),
  // Huge: over every field limit, and over the 16 KiB body limit.
  fc.integer({ min: 5_000, max: 40_000 }).map((n) => "Ä".repeat(n)),
);

const KEYS = fc.oneof(
  fc.constantFrom(
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "service",
    "answers",
    "patientName",
    "donorChimerismPercent",
  ),
  fc.string({ maxLength: 12 }),
);

export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(KEYS, tie("value"), { maxKeys: 5 }),
  ),
})).value;

/** A raw body: JSON of anything, not JSON at all, or nested thousands deep. */
export const hostileBody: fc.Arbitrary<string> = fc.oneof(
  hostileJson.map((v) => JSON.stringify(v) ?? "null"),
  hostileString,
  fc.integer({ min: 1_000, max: 6_000 }).map((n) => "[".repeat(n) + "]".repeat(n)),
  fc.integer({ min: 1_000, max: 3_000 }).map((n) => '{"a":'.repeat(n) + "1" + "}".repeat(n)),
  hostileJson.map((v) => (JSON.stringify({ x: v }) ?? "").slice(0, -1)),
);

export const contentType = fc.constantFrom(
  "application/json",
  "application/fhir+json",
  "application/json; charset=latin1",
  "text/plain",
  "multipart/form-data; boundary=x",
  "application/x-www-form-urlencoded",
  "",
);

/** Sets the member at a random path of a JSON value to `value` (a copy). */
export function mutate(root: unknown, pick: number, value: unknown): unknown {
  const paths = memberPaths(root);
  return withMember(root, paths[pick % paths.length]!, value);
}
