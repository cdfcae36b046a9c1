import { toBlocks } from "@/lib/policy/engine/inline-markup";
import type { Passage } from "@/lib/policy/engine/types";
import { InlineRuns } from "./inline-runs";

/** A passage's text, verbatim, as paragraphs, lists and tables. */
export function PassageBody({ passage }: { passage: Passage }) {
  return toBlocks(passage.lines).map((block, i) => {
    if (block.kind === "paragraph")
      return (
        <p key={i} className="mt-2 first:mt-0">
          <InlineRuns runs={block.runs} />
        </p>
      );
    if (block.kind === "list")
      return (
        <ul key={i} className="mt-2 list-disc space-y-1 pl-6">
          {block.items.map((item, j) => (
            <li key={j}>
              <InlineRuns runs={item} />
            </li>
          ))}
        </ul>
      );
    return (
      <table key={i} className="mt-2 w-full table-fixed text-left text-sm">
        <tbody>
          {block.rows.map((row, j) => (
            <tr key={j}>
              {row.map((cell, k) => (
                <td key={k} className="border border-slate-300 px-2 py-1 align-top">
                  <InlineRuns runs={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    );
  });
}
