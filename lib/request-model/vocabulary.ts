// The words a request is stored and reviewed in: the database schema (lib/db/schema.ts), the
// pages and the API all take them from here. The states are the state machine's (RequestState).

export type Urgency = "standard" | "expedited";

export type DecisionAction = "approve" | "deny" | "request-information";

export type RequestEventKind =
  | "reply"
  | "withdrawn"
  | "extended"
  | "appealed"
  | "appeal-upheld"
  | "appeal-overturned"
  | "denial-recommended";
