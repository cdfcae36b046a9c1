import { runsText, toBlocks } from "./inline-markup";
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

/** The passage as a reader sees it: markup removed, table cells separated by " — ". */
export function plainText(passage: Passage): string {
  return toBlocks(passage.lines)
    .map((block) => {
      if (block.kind === "paragraph") return runsText(block.runs);
      if (block.kind === "list") return block.items.map(runsText).join("\n");
      return block.rows.map((row) => row.map(runsText).filter(Boolean).join(" — ")).join("\n");
    })
    .join("\n");
}
