/** A run of text with the emphasis the source gives it. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  sup?: boolean;
}

// Inline syntax used by the policy source: **bold**, <b>bold</b>, *italic*, <sup>x</sup>,
// $math$, [text](target), <https://…>, and \* or \_ escapes.
const TOKEN =
  /\*\*(.+?)\*\*|<b>(.+?)<\/b>|(?<![\w\\])\*(?!\s)(.+?)(?<!\s)\*|<sup>(.+?)<\/sup>|\$\s*(.+?)\s*\$|\[([^\]]+)\]\([^)]*\)|<(https?:[^>]+)>|\\([*_])/g;

export function parseInline(line: string): Run[] {
  const runs: Run[] = [];
  let at = 0;
  for (const m of line.matchAll(TOKEN)) {
    if (m.index > at) runs.push({ text: line.slice(at, m.index) });
    const [, bold, htmlBold, italic, sup, math, link, url, escaped] = m;
    if (bold ?? htmlBold) runs.push({ text: (bold ?? htmlBold)!, bold: true });
    else if (italic) runs.push({ text: italic, italic: true });
    else if (sup) runs.push({ text: sup, sup: true });
    else runs.push({ text: (math ?? link ?? url ?? escaped)! });
    at = m.index + m[0].length;
  }
  if (at < line.length) runs.push({ text: line.slice(at) });
  return runs;
}

export type Block =
  | { kind: "paragraph"; runs: Run[] }
  | { kind: "list"; items: Run[][] }
  | { kind: "table"; rows: Run[][][] };

/** Groups a passage's source lines into paragraphs, lists ("- ") and tables (tab-separated). */
export function toBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  for (const line of lines) {
    const last = blocks.at(-1);
    if (line.startsWith("- ")) {
      const item = parseInline(line.slice(2));
      if (last?.kind === "list") last.items.push(item);
      else blocks.push({ kind: "list", items: [item] });
    } else if (line.includes("\t")) {
      const row = line.split("\t").map(parseInline);
      if (last?.kind === "table") last.rows.push(row);
      else blocks.push({ kind: "table", rows: [row] });
    } else blocks.push({ kind: "paragraph", runs: parseInline(line) });
  }
  return blocks;
}

export const runsText = (runs: readonly Run[]) => runs.map((r) => r.text).join("");
