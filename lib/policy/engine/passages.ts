import { runsText, toBlocks } from "./inline-markup";
import type { Passage, Policy, PolicyMeta } from "./types";

const BY_ID = new WeakMap<readonly Passage[], Map<string, Passage>>();

export function findPassage(policy: Pick<Policy, "passages">, id: string): Passage | undefined {
  let byId = BY_ID.get(policy.passages);
  if (!byId) {
    byId = new Map(policy.passages.map((p) => [p.id, p]));
    BY_ID.set(policy.passages, byId);
  }
  return byId.get(id);
}

/** A passage the policy has (its cited ids are checked when the package is defined). */
export function getPassage(policy: Pick<Policy, "passages">, id: string): Passage {
  const passage = findPassage(policy, id);
  if (!passage) throw new Error(`No passage ${id} in this policy`);
  return passage;
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

/** Where the passage sits in the document: its headings, or the document itself. */
export function sectionLabel(meta: Pick<PolicyMeta, "documentType" | "number">, passage: Passage) {
  return passage.section.length
    ? passage.section.join(" › ")
    : `${meta.documentType} ${meta.number}`;
}

/** The passages a page sends to the browser: the ones named, by id. */
export function passagesById(policy: Pick<Policy, "passages">, ids: readonly string[]) {
  return Object.fromEntries(ids.map((id) => [id, getPassage(policy, id)]));
}
