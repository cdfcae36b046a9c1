/** A same-site path to go back to after signing in, or undefined: never another origin. */
export function safeReturnPath(next: string | undefined | null): string | undefined {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\"))
    return undefined;
  return next;
}
