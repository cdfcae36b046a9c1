import type { Timed } from "@/lib/requests/labels";
import { LocalTime } from "./local-time";

/** Words with times in them, each time in the reader's own time zone (UTC on hover). */
export function TimedText({ value }: { value: Timed }) {
  if (typeof value === "string") return value;
  return value.map((part, i) =>
    typeof part === "string" ? part : <LocalTime key={i} iso={part.at} />,
  );
}
