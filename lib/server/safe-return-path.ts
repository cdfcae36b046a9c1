/**
 * The path to go back to after signing in, or undefined when `next` is not plainly one of the
 * app's own paths. `next` is resolved against the app's public origin the way a browser resolves
 * a Location header (which drops tabs and newlines and reads "\" as "/"), and accepted only when
 * the result has that same origin and `next` itself starts with a single "/". What is returned is
 * the resolved path, percent-encoded, never the raw input, so it is always a valid header value.
 */
export function safeReturnPath(next: unknown, appUrl: string): string | undefined {
  if (typeof next !== "string" || next.length > 2_000) return undefined;
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return undefined;
  let base: URL;
  let resolved: URL;
  try {
    base = new URL(appUrl);
    resolved = new URL(next, base);
  } catch {
    return undefined;
  }
  if (resolved.origin !== base.origin) return undefined;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // The resolved path must itself read as a path on this origin when sent back in a Location.
  return path.startsWith("/") && !path.startsWith("//") ? path : undefined;
}
