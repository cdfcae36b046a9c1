import type { Passage } from "./passages";

// Its own module: the wizard's client bundle needs this, not the 100 passages that passages.ts holds.
/** Where the passage sits in the document: its headings, or the document itself. */
export function sectionLabel(passage: Passage): string {
  return passage.section.length ? passage.section.join(" › ") : "Medical Coverage Policy 0261";
}
