// Pure: used by proxy.ts, and by the tests. Server action requests are decoded by React before
// any code of ours runs, and a body it cannot decode is a 500. These checks turn the malformed
// ones into a 400 first; what passes is decoded as before and then checked by the action itself.

// Deeper than any argument our actions take; React decodes recursively.
const MAX_DEPTH = 16;

// React escapes a string that begins with "$" as "$$…"; a single "$" marks a reference to
// another part of the request (a FormData, a Map, a promise), which our actions never take as JSON.
function isPlain(value: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  if (typeof value === "string") return !value.startsWith("$") || value.startsWith("$$");
  if (Array.isArray(value)) return value.every((v) => isPlain(v, depth + 1));
  if (value && typeof value === "object")
    return Object.values(value).every((v) => isPlain(v, depth + 1));
  return true;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
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

/** Why a POST to a page cannot be a well-formed server action, or null. */
export async function malformedActionReason(request: Request): Promise<string | null> {
  if (request.method !== "POST" || new URL(request.url).pathname.startsWith("/api/")) return null;
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const isAction = request.headers.has("next-action");

  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await request.clone().formData();
    } catch {
      return "The form data is malformed.";
    }
    // "0", "1"… (the arguments) and "$ACTION_1:0"… (a form's bound arguments) hold JSON.
    for (const [name, value] of form)
      if (
        (/^\d+$/.test(name) || /^(_\d+_)?\$ACTION_\d+:\d+$/.test(name)) &&
        typeof value === "string"
      )
        if (!parses(value)) return `The form part "${name.slice(0, 40)}" is malformed.`;
    return null;
  }
  if (!isAction) return null;
  if (!type.startsWith("text/plain"))
    return "A server action takes text/plain or multipart/form-data.";
  let args: unknown;
  try {
    args = JSON.parse(await request.clone().text());
  } catch {
    return "The action's arguments are not JSON.";
  }
  if (!Array.isArray(args) || !isPlain(args))
    return "The action's arguments are not a list of plain values.";
  return null;
}
