// How scripts/generate-passages.ts splits the fixture's source into passages.
export const SOURCE_FILE = "fixture-policy-source.md";

export const SECTIONS: [prefix: string, section: string[]][] = [
  ["header", []],
  ["notice", []],
  ["overview.", ["Overview"]],
  ["coverage-policy.", ["Coverage Policy"]],
  ["coding.", ["Coding/Billing Information"]],
  ["attribution", []],
];

export const BLOCK_IDS = [
  "header",
  "notice",
  "overview.1",
  "coverage-policy.widget",
  "coverage-policy.gadget",
  "coverage-policy.dose",
  "coverage-policy.experimental",
  "coding.cpt",
];
