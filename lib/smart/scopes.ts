// Pure: the SMART Backend Services scopes this server grants (SMART App Launch 2.x, v1 scope
// syntax, which the CRD and PAS guides use), and the routes each one opens.

export const SCOPES = {
  /** PAS Claim/$submit. */
  claimWrite: "system/Claim.write",
  /** PAS Claim/$inquire. */
  claimResponseRead: "system/ClaimResponse.read",
} as const;

export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

export const SUPPORTED_SCOPES: readonly Scope[] = Object.values(SCOPES);

export const isScope = (value: string): value is Scope =>
  (SUPPORTED_SCOPES as readonly string[]).includes(value);

/** A space-separated scope string as a list, each once (RFC 6749 §3.3). */
export function scopeList(scope: string): string[] {
  return [...new Set(scope.split(" ").filter((s) => s.length > 0))];
}
