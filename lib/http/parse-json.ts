// Pure: every JSON body this server takes is parsed here, so none reaches a recursive walk (ours,
// a validator's, React's) nested deeper than any real document of ours. The depth is counted on
// the text before JSON.parse builds anything.

/**
 * Deeper than any body we take: a PAS Bundle nests about 12 levels (Bundle → entry → resource →
 * item → extension → valueCodeableConcept → coding), a CDS Hooks call about 10.
 */
export const MAX_JSON_DEPTH = 64;

export type ParsedJson =
  { ok: true; value: unknown } | { ok: false; reason: "too-deep" | "invalid"; message: string };

/** How deep arrays and objects nest in `text`, stopping once past `max`; strings are skipped. */
export function jsonDepthOver(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** JSON.parse, refusing first a text that nests deeper than `max` (the message says how deep). */
export function parseJson(text: string, max = MAX_JSON_DEPTH): ParsedJson {
  if (jsonDepthOver(text, max))
    return {
      ok: false,
      reason: "too-deep",
      message: `The JSON nests arrays and objects more than ${max} levels deep.`,
    };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: "invalid", message: (error as Error).message };
  }
}

/** A parsed JSON value that is an object with members (not null, not an array). */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
