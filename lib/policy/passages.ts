import { PASSAGE_DATA } from "./passages.generated";

export type PassageId = (typeof PASSAGE_DATA)[number]["id"];

/** A passage of the policy document, quoted verbatim (inline markdown as in the source). */
export interface Passage {
  id: PassageId;
  /** Section headings, outermost first, spelled as in the source. */
  section: readonly string[];
  /** Source lines: paragraphs, "- " list items, or tab-separated table rows. */
  lines: readonly string[];
}

export const PASSAGES: readonly Passage[] = PASSAGE_DATA;

const BY_ID = new Map<string, Passage>(PASSAGES.map((p) => [p.id, p]));

export function isPassageId(id: string): id is PassageId {
  return BY_ID.has(id);
}

export function getPassage(id: PassageId): Passage {
  return BY_ID.get(id)!;
}

/** The line as a reader sees it: markdown emphasis, links, math and HTML tags removed. */
export function plainLine(line: string): string {
  return line
    .replace(/^- /, "")
    .replace(/\*\*(.+?)\*\*/g, "$1")
    .replace(/\*(.+?)\*/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/<(https?:[^>]+)>/g, "$1")
    .replace(/<\/?(?:b|sup)>/g, "")
    .replace(/\$\s*(.+?)\s*\$/g, "$1")
    .replace(/\\([*_])/g, "$1")
    .replace(/\t+/g, " — ");
}

export function plainText(passage: Passage): string {
  return passage.lines.map(plainLine).join("\n");
}
