// How scripts/generate-passages.ts splits this package's source into passages with stable ids.

/** The policy document, in source/. */
export const SOURCE_FILE = "coverage-policy-0261-source.md";

/** The first line of the numbered reference list: each reference becomes a passage of its own. */
export const REFERENCES_START = "1. Anderlini";

const GB = "General Background";
const DLI = "Donor Lymphocyte Infusion (DLI)";
const HPC = "Hematopoietic Progenitor Cell (HPC) Boost";
const LIT = "Literature Review";

// The source's heading levels come from a PDF conversion and are inconsistent, so each passage's
// section path is named here, with heading text exactly as the source spells it. A literature
// passage's path ends with its disease, the run-in heading of its first paragraph (rules-0261.md
// r3: "every literature passage's breadcrumb names its disease subsection").
export const SECTIONS: [prefix: string, section: string[]][] = [
  ["header", []],
  ["contents", ["Table of Contents"]],
  ["related-resources", ["Related Coverage Resources"]],
  ["instructions", ["INSTRUCTIONS FOR USE"]],
  ["overview.", ["Overview"]],
  ["coverage-policy.", ["Coverage Policy"]],
  ["background.dli.", [GB, DLI]],
  ["literature.hpc-boost.", [GB, HPC, LIT]],
  ["literature.cml.", [GB, DLI, LIT, "Chronic Myelogenous Leukemia (CML)"]],
  ["literature.all.", [GB, DLI, LIT, "Acute Lymphocytic Leukemia (ALL)"]],
  [
    "literature.aml-mds.",
    [GB, DLI, LIT, "Acute Myelogenous Leukemia (AML)/Myelodysplastic Syndrome (MDS)"],
  ],
  ["literature.multiple-myeloma.", [GB, DLI, LIT, "Multiple Myeloma (MM)"]],
  ["literature.nhl.", [GB, DLI, LIT, "Non-Hodgkin Lymphoma (NHL)"]],
  ["background.hpc-boost.", [GB, HPC]],
  ["societies.", [GB, "Professional Societies/Organizations"]],
  ["outside-us", [GB, "Use outside the US"]],
  ["medicare.", ["Medicare Coverage Determinations"]],
  ["coding.", ["Coding/Billing Information"]],
  ["references.", ["References"]],
  ["attribution", []],
];

// One id per block of the source, in order; a repeated id joins a block to the one before it
// (a statement and its list, a paragraph split by a page break, a table and its notes).
export const BLOCK_IDS = [
  "header",
  "contents",
  "related-resources",
  "instructions",
  "overview.1",
  "overview.2",
  "overview.3",
  "coverage-policy.dli",
  "coverage-policy.hpc-boost",
  "coverage-policy.hpc-boost",
  "coverage-policy.experimental",
  "background.dli.1",
  "background.dli.2",
  "literature.cml.1",
  "literature.cml.2",
  "literature.all.1",
  "literature.all.2",
  "literature.aml-mds.1",
  "literature.aml-mds.2",
  "literature.multiple-myeloma.1",
  "literature.multiple-myeloma.2",
  "literature.nhl.1",
  "background.hpc-boost.1",
  "literature.hpc-boost.1",
  "literature.hpc-boost.2",
  "literature.hpc-boost.3",
  "literature.hpc-boost.3",
  "literature.hpc-boost.4",
  "societies.nci",
  "societies.nci",
  "societies.nccn",
  "societies.nccn",
  "outside-us",
  "medicare.table",
  "medicare.note",
  "coding.notes",
  "coding.notes",
  "coding.cpt",
  "coding.cpt",
  "coding.cpt",
];
