// Pure: the SMART Backend Services scopes this server grants (SMART App Launch 2.x), and the
// routes each one opens. PAS and CRD use the v1 syntax (`.read`, `.write`); DTR clients ask for
// the v2 one (`.rs`): for the DTR resource types and Subscription (a certified EHR subscribing
// may ask either way) both are granted, and each opens what the other does (SMART App Launch 2.x
// §Scopes: v1 `read` is v2 `rs`, v1 `write` is v2 `cud`).

export const SCOPES = {
  /** PAS Claim/$submit. */
  claimWrite: "system/Claim.write",
  /** PAS Claim/$inquire. */
  claimResponseRead: "system/ClaimResponse.read",
  /** DTR Questionnaire/$questionnaire-package and $log-questionnaire-errors. */
  questionnaireRead: "system/Questionnaire.read",
  /** DTR ValueSet/$expand (our ValueSets are public; the scope is granted for DTR clients). */
  valueSetRead: "system/ValueSet.read",
  /** DTR Libraries: none is served (no CQL); the scope is granted for DTR clients that ask for it. */
  libraryRead: "system/Library.read",
  /** PAS Subscriptions (R4 Backport): read one and its $status. */
  subscriptionRead: "system/Subscription.read",
  /** PAS Subscriptions: create, update, delete. */
  subscriptionWrite: "system/Subscription.write",
} as const;

type V1Scope = (typeof SCOPES)[keyof typeof SCOPES];

/** The DTR resource types' and Subscription's scopes in SMART v2 syntax, beside their v1 form. */
const V2_FORM = {
  "system/Questionnaire.read": "system/Questionnaire.rs",
  "system/ValueSet.read": "system/ValueSet.rs",
  "system/Library.read": "system/Library.rs",
  "system/Subscription.read": "system/Subscription.rs",
  "system/Subscription.write": "system/Subscription.cud",
} as const satisfies Partial<Record<V1Scope, string>>;

export type Scope = V1Scope | (typeof V2_FORM)[keyof typeof V2_FORM];

export const SUPPORTED_SCOPES: readonly Scope[] = [
  ...Object.values(SCOPES),
  ...Object.values(V2_FORM),
];

export const isScope = (value: string): value is Scope =>
  (SUPPORTED_SCOPES as readonly string[]).includes(value);

/** The other spelling of a scope (v1 ↔ v2), when it has one. */
function otherForm(scope: Scope): Scope | undefined {
  for (const [v1, v2] of Object.entries(V2_FORM) as [Scope, Scope][]) {
    if (scope === v1) return v2;
    if (scope === v2) return v1;
  }
  return undefined;
}

/** Whether scopes held (by a token or a registration) grant `scope`, in either spelling. */
export function grants(held: readonly Scope[], scope: Scope): boolean {
  const other = otherForm(scope);
  return held.includes(scope) || (other !== undefined && held.includes(other));
}

/** A space-separated scope string as a list, each once (RFC 6749 §3.3). */
export function scopeList(scope: string): string[] {
  return [...new Set(scope.split(" ").filter((s) => s.length > 0))];
}
