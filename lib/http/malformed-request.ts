import { readAtMost } from "./read-body";

// Pure: used by proxy.ts, and by the tests. Server action requests are decoded by React before
// any code of ours runs, and a body it cannot decode is a 500. These checks turn the malformed
// ones into a 400, and the oversized ones into a 413, first; what passes is decoded as before
// and then checked by the action itself.

/** Larger than any form of ours can send (a request with 4,000 characters of notes is < 32 KiB). */
export const MAX_ACTION_BODY_BYTES = 512 * 1024;

// Deeper than any argument our actions take; React decodes recursively.
const MAX_DEPTH = 16;

export interface Refusal {
  status: 400 | 413;
  reason: string;
}

const malformed = (reason: string): Refusal => ({ status: 400, reason });
const TOO_LARGE: Refusal = {
  status: 413,
  reason: `The form is larger than ${MAX_ACTION_BODY_BYTES / 1024} KiB.`,
};

// React escapes a string that begins with "$" as "$$…"; a single "$" marks a reference to
// another part of the request (a Map, a Blob, a promise, a server reference…). The only
// references our actions take are a FormData ("$K1", its fields are the "_1_…" parts) and
// undefined, and those only in a multipart body.
const FORM_REFERENCE = /^\$(K\d+|undefined)$/;

function isPlain(value: unknown, formReferences: boolean, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (typeof value === "string")
    return (
      !value.startsWith("$") ||
      value.startsWith("$$") ||
      (formReferences && FORM_REFERENCE.test(value))
    );
  if (Array.isArray(value)) return value.every((v) => isPlain(v, formReferences, depth + 1));
  if (value && typeof value === "object")
    return Object.values(value).every((v) => isPlain(v, formReferences, depth + 1));
  return true;
}

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Why a path cannot be decoded (a "%FF" is no UTF-8): Next.js would fail on it with a 500. */
export function malformedPathReason(pathname: string): string | null {
  try {
    decodeURIComponent(pathname);
    return null;
  } catch {
    return "The address holds a percent-encoding that is not UTF-8.";
  }
}

/** A call from the page's JavaScript: its arguments are the JSON list in part "0". */
function fetchActionParts(form: FormData): Refusal | null {
  const args = form.get("0");
  if (typeof args !== "string")
    return malformed('The action\'s arguments (form part "0") are missing.');
  // Besides "0", React sends only the fields of a FormData argument, named "_<n>_<field>".
  for (const name of form.keys())
    if (name !== "0" && !/^_\d+_/.test(name))
      return malformed(`The form part "${name.slice(0, 40)}" is not one this form sends.`);
  const parsed = parse(args);
  if (!parsed.ok) return malformed('The form part "0" is malformed.');
  if (!Array.isArray(parsed.value) || !isPlain(parsed.value, true))
    return malformed("The action's arguments are not a list of plain values.");
  return null;
}

/**
 * A form posted without JavaScript: "$ACTION_REF_<n>" names the action, "$ACTION_<n>:0" holds
 * its id and where its bound arguments are ("$@<k>": the part "$ACTION_<n>:<k>").
 */
function plainFormParts(form: FormData): Refusal | null {
  for (const name of form.keys()) {
    const ref = /^\$ACTION_REF_(\d+)$/.exec(name);
    if (ref) {
      const meta = form.get(`$ACTION_${ref[1]}:0`);
      const parsed = typeof meta === "string" ? parse(meta) : { ok: false as const };
      const value = parsed.ok ? (parsed.value as { id?: unknown; bound?: unknown }) : null;
      if (!value || typeof value !== "object" || typeof value.id !== "string")
        return malformed("The form's action reference is malformed.");
      if (value.bound === null || value.bound === undefined) continue;
      const bound = typeof value.bound === "string" ? /^\$@(\d+)$/.exec(value.bound) : null;
      if (
        !bound ||
        bound[1] === "0" ||
        typeof form.get(`$ACTION_${ref[1]}:${bound[1]}`) !== "string"
      )
        return malformed("The form's bound arguments are missing.");
      continue;
    }
    const part = /^\$ACTION_\d+:(\d+)$/.exec(name);
    if (part && part[1] !== "0") {
      const value = form.get(name);
      const parsed = typeof value === "string" ? parse(value) : { ok: false as const };
      if (!parsed.ok || !Array.isArray(parsed.value) || !isPlain(parsed.value, false))
        return malformed(`The form part "${name.slice(0, 40)}" is malformed.`);
    }
  }
  return null;
}

/** Why a POST to a page cannot be a well-formed server action (400) or is too large (413), or null. */
export async function serverActionRefusal(request: Request): Promise<Refusal | null> {
  if (request.method !== "POST" || new URL(request.url).pathname.startsWith("/api/")) return null;
  const contentType = request.headers.get("content-type") ?? "";
  const type = contentType.toLowerCase();
  const isAction = request.headers.has("next-action");
  const multipart = type.startsWith("multipart/form-data");
  if (!multipart && !isAction) return null;

  const bytes = await readAtMost(request.clone(), MAX_ACTION_BODY_BYTES);
  if (!bytes) return TOO_LARGE;

  if (multipart) {
    let form: FormData;
    try {
      form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
    } catch {
      return malformed("The form data is malformed.");
    }
    return isAction ? fetchActionParts(form) : plainFormParts(form);
  }
  if (!type.startsWith("text/plain"))
    return malformed("A server action takes text/plain or multipart/form-data.");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return malformed("The action's arguments are not UTF-8 text.");
  }
  const parsed = parse(text);
  if (!parsed.ok) return malformed("The action's arguments are not JSON.");
  if (!Array.isArray(parsed.value) || !isPlain(parsed.value, false))
    return malformed("The action's arguments are not a list of plain values.");
  return null;
}
