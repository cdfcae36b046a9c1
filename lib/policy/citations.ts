import type { Field } from "./fields";
import type { PassageId } from "./passages";
import { QUESTIONS } from "./questions";

/** For each passage, the questions that cite it, directly or through one of their options. */
export function questionsCiting(): Map<PassageId, Field[]> {
  const byPassage = new Map<PassageId, Field[]>();
  for (const q of QUESTIONS) {
    const ids = new Set([
      ...q.cites,
      ...(q.kind === "choice" ? q.options.flatMap((o) => o.cites) : []),
    ]);
    for (const id of ids) byPassage.set(id, [...(byPassage.get(id) ?? []), q.field]);
  }
  return byPassage;
}
