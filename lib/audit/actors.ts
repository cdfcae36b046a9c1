// Who stands behind a request: a physician signed in here, or a system that sent it over PAS with
// SMART Backend Services. Such a system's rows carry this actor id prefix and its client id.

export const CLIENT_ACTOR_PREFIX = "smart-client:";

/** The actor id a client's rows in the audit trail carry. */
export const clientActorId = (clientId: string) => `${CLIENT_ACTOR_PREFIX}${clientId}`;

/** A request an EHR sent over PAS: a request for information is answered by that EHR, over CDex. */
export const submittedBySystem = (submitterId: string) =>
  submitterId.startsWith(CLIENT_ACTOR_PREFIX);

/** The actor of a rule-based approval (RULE_APPROVAL=1): no person decided it. */
export const RULE_ACTOR_ID = "rule:approval";
