import type { ColumnType, Generated } from "kysely";
import type { RequestState } from "@/lib/request-model/state-machine";
import type { DecisionAction, RequestEventKind, Urgency } from "@/lib/request-model/vocabulary";
import type { ReviewActionCode } from "@/lib/request-model/x12";

// Timestamps are ISO 8601 UTC strings ("2026-11-26T02:35:00.000Z") on both engines: they sort
// as text, compare with the same operators, and never pass through a session time zone.

export interface RequestsTable {
  id: Generated<number>;
  reference: string;
  physician_id: string;
  patient_name: string;
  patient_birth_date: string;
  member_id: string;
  ordering_physician: string;
  npi: string;
  service_date: string;
  urgency: Urgency;
  clinical_notes: string;
  answers_json: string;
  determination: string;
  evaluation_json: string;
  policy_id: Generated<string>;
  policy_version: string;
  status: RequestState;
  submitted_at: string;
  due_at: string;
  version: number;
  /** The first approval or denial. */
  decided_at: string | null;
  decision_ms: number | null;
  extended_at: string | null;
  extension_reason: string | null;
  appealed_at: string | null;
  appeal_decided_at: string | null;
  /** 1 when the planned date of service was already past at submission (migration 0030). */
  retrospective: Generated<number>;
  /** The reviewer or medical director the case is assigned to, if anyone. */
  assigned_to: string | null;
  /** 1 when a rule approved the request at submission (RULE_APPROVAL=1). */
  approved_by_rule: Generated<number>;
}

export interface DecisionsTable {
  id: Generated<number>;
  request_id: number;
  action: DecisionAction;
  review_action_code: ReviewActionCode;
  rationale: string;
  reviewer_id: string;
  decided_at: string;
  /** For a request for more information: the gates (by title) that need documentation. */
  criteria_json: string | null;
}

export interface RequestEventsTable {
  id: Generated<number>;
  request_id: number;
  kind: RequestEventKind;
  actor_id: string;
  at: string;
  body: string;
  detail_json: string;
}

/**
 * What an approval authorizes (migration 0030): one per approved request, written with the
 * approval (or the overturned appeal) and never changed.
 */
export interface AuthorizationsTable {
  id: Generated<number>;
  request_id: number;
  /** "PA-2026-12345678": sent as the X12 review action's number. */
  number: string;
  service: string;
  cpt: string;
  units: number;
  /** YYYY-MM-DD, the planned date of service (a retrospective request's past date). */
  valid_from: string;
  /** YYYY-MM-DD, the last day it authorizes. */
  valid_to: string;
  issued_at: string;
  issued_by: string;
  by_rule: Generated<number>;
}

/** A rule approval drawn for a reviewer's retrospective audit, and what the reviewer found. */
export interface RuleAuditsTable {
  request_id: number;
  sampled_at: string;
  audited_at: string | null;
  auditor_id: string | null;
  /** 1: the reviewer agrees with the rule's approval; 0: does not. */
  agrees: number | null;
  note: string | null;
}

export interface AttachmentsTable {
  id: Generated<number>;
  request_id: number;
  event_id: number | null;
  name: string;
  content_type: "application/pdf" | "image/png" | "image/jpeg";
  size: number;
  data: Buffer | Uint8Array;
  uploader_id: string;
  uploaded_at: string;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  action: string;
  request_reference: string | null;
  /** JSON of non-identifying details (never patient fields, passwords or tokens). */
  detail_json: string;
  /** For sign-in events: SHA-256 of the account's email, the same whether or not it exists. */
  subject: string | null;
  ip: string | null;
}

export interface ReferenceCountersTable {
  year: number;
  last_value: number;
}

/** Every sign-in attempt, reserved before its password is checked (lib/auth/sign-in-attempts.ts). */
export interface SignInAttemptsTable {
  id: Generated<number>;
  at: string;
  /** SHA-256 of the email tried, the same whether or not the account exists. */
  account_key: string;
  address: string;
  /** pending while the password is being checked; throttled attempts are never counted. */
  outcome: "pending" | "failure" | "success" | "throttled";
  /** The device id of the signed cookie the attempt carried (lib/auth/device-cookie.ts), if any. */
  device: string | null;
}

/** A one-time unlock link an administrator issued for a user on a new device (npm run user:unlock). */
export interface SignInUnlocksTable {
  token_sha256: string;
  account_key: string;
  /** Who issued it: "script" for npm run user:unlock. */
  created_by: string;
  created_at: string;
  expires_at: string;
  /** Wrong passwords tried with it; past the limit it is void. */
  failures: Generated<number>;
  used_at: string | null;
}

/** A physician's Idempotency-Key (or form token), the body it came with, and what it stored. */
export interface IdempotencyKeysTable {
  physician_id: string;
  key: string;
  body_sha256: string;
  /** Set in the same transaction that claims the key, once the request is stored. */
  reference: string | null;
  created_at: string;
}

/**
 * Decided requests per UTC day of their first decision and urgency, kept by triggers on requests
 * (migration 0011): the metrics' counts and sums, never written by the application.
 */
export interface MetricsDailyTable {
  /** YYYY-MM-DD, the UTC day of decided_at. */
  day: string;
  urgency: Urgency;
  decided: number;
  approved: number;
  denied: number;
  approved_on_appeal: number;
  extended: number;
  within_clock: number;
  decision_ms_total: number | string;
  /** Extended, then approved at the first decision (migration 0030): CMS's "extended" figure. */
  extended_approved: Generated<number>;
  /** Approved by rule at submission (migration 0030). */
  approved_by_rule: Generated<number>;
}

/** How many first decisions of a year and urgency took each whole hour (migration 0011). */
export interface MetricsDecisionHoursTable {
  /** YYYY, the UTC year of decided_at. */
  year: string;
  urgency: Urgency;
  /** Whole hours of decision_ms; -1 for a negative one. */
  hour: number;
  decided: number;
}

export interface Database extends EhrTables, SubscriptionTables {
  requests: RequestsTable;
  idempotency_keys: IdempotencyKeysTable;
  sign_in_attempts: SignInAttemptsTable;
  sign_in_unlocks: SignInUnlocksTable;
  decisions: DecisionsTable;
  request_events: RequestEventsTable;
  attachments: AttachmentsTable;
  authorizations: AuthorizationsTable;
  rule_audits: RuleAuditsTable;
  audit_events: AuditEventsTable;
  reference_counters: ReferenceCountersTable;
  metrics_daily: MetricsDailyTable;
  metrics_decision_hours: MetricsDecisionHoursTable;
}

/** A system registered for SMART Backend Services: its public keys and what it may ask for. */
export interface SmartClientsTable {
  client_id: string;
  name: string;
  /** The client's public JSON Web Key Set, as registered. */
  jwks_json: string;
  /** Space-separated scopes the client may be granted. */
  scopes: string;
  /** The iss of its CDS Hooks JWTs, when it is not the client id. */
  cds_issuer: string | null;
  created_at: string;
  /** When an administrator removed it (smart:client:remove): no token, no notification. */
  removed_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The jti of every assertion a client signed, kept until the assertion expires. */
export interface SmartJtisTable {
  client_id: string;
  jti: string;
  expires_at: string;
}

/** An access token issued to a client, by its SHA-256; never the token itself. */
export interface SmartAccessTokensTable {
  token_sha256: string;
  client_id: string;
  scopes: string;
  expires_at: string;
  created_at: string;
}

/** A request that came over PAS $submit, and who sent it. */
export interface PasSubmissionsTable {
  reference: string;
  client_id: string;
  /** The Bundle's identifier, "system|value": the submitter's transaction id. */
  bundle_identifier: string;
  /** The Claim's identifier, "system|value". */
  claim_identifier: string;
  claim_full_url: string;
  patient_full_url: string;
  provider_full_url: string;
  insurer_full_url: string;
  created_at: string;
  /** Where the Claim's diagnosis codes disagree with the answers (lib/pas/diagnosis-flags.ts). */
  diagnosis_flags_json: ColumnType<string, string | undefined, string>;
}

/** An NPI registered to a client: it may $inquire for that provider's PAS requests. */
export interface SmartClientNpisTable {
  client_id: string;
  npi: string;
  created_at: string;
}

/**
 * One item of a request for more information about a PAS request (migration 0052): a criterion,
 * what the EHR is to send for it (LOINC), and the attachment control number the EHR answers with
 * over CDex $submit-attachment (its TrackingId). A 102089-0 item has a DTR context id too.
 */
export interface PendItemsTable {
  tracking_id: string;
  request_id: number;
  /** The decision (A4) that asked for it: only the latest one's items are pending. */
  decision_id: number;
  /** The client that sent the request: the only one that may answer. */
  client_id: string;
  position: number;
  criterion: string;
  document: string;
  question: string;
  context_id: string | null;
  created_at: string;
  /** When a final submission answered it. */
  answered_at: string | null;
}

/** A $submit-attachment received (migration 0053): its answer, for a byte-identical retry. */
export interface AttachmentSubmissionsTable {
  tracking_id: string;
  body_sha256: string;
  status: number;
  response_json: string;
  created_at: string;
}

/** A CRD card's launch: answers read from the EHR for a questionnaire, for one use. */
export interface CrdLaunchesTable {
  launch_sha256: string;
  client_id: string;
  policy_id: string;
  /** The answers read from the EHR; "{}" once the launch is spent or expired. */
  answers_json: string;
  /** The codes behind each prefilled answer, and the hints: `{ evidence, hints }`. */
  prefill_json: ColumnType<string, string | undefined, string>;
  expires_at: string;
  created_at: string;
  /** When the launch page used it up; kept a day so the page can say so (lib/server/prune.ts). */
  spent_at: string | null;
}

/** The EHR integration's tables (lib/db/ehr-migrations.ts). */
export interface EhrTables {
  smart_clients: SmartClientsTable;
  smart_jtis: SmartJtisTable;
  smart_access_tokens: SmartAccessTokensTable;
  pas_submissions: PasSubmissionsTable;
  crd_launches: CrdLaunchesTable;
  smart_client_npis: SmartClientNpisTable;
  pend_items: PendItemsTable;
  attachment_submissions: AttachmentSubmissionsTable;
}

/** A host registered for a client's rest-hook endpoints: notifications go to no other. */
export interface SmartClientNotifyHostsTable {
  client_id: string;
  host: string;
  created_at: string;
}

export type SubscriptionStatus = "requested" | "active" | "error" | "off";
export type SubscriptionContent = "id-only" | "full-resource";

/** A client's Subscription to the PAS topic (lib/subscriptions). */
export interface SubscriptionsTable {
  id: string;
  client_id: string;
  status: SubscriptionStatus;
  /** The NPI of the filter (org-identifier): one registered to the client. */
  org_identifier: string;
  endpoint: string;
  /** channel.header, as sent with every notification: ["Name: value", …]. */
  headers_json: string;
  content: SubscriptionContent;
  reason: string | null;
  end_at: string | null;
  /** Why it is in error or off, in words; null when active. */
  error: string | null;
  /** Events queued for it so far: the last event's number. */
  events_since_start: ColumnType<number, number | undefined, number>;
  lease_owner: string | null;
  lease_until: string | null;
  created_at: string;
  updated_at: string;
}

/** The outbox: one event of one subscription, with the PAS response as it stood. */
export interface SubscriptionEventsTable {
  subscription_id: string;
  event_number: number;
  request_reference: string;
  review_action_code: string;
  /** The PAS response Bundle's entries and timestamp, as JSON. */
  response_json: string;
  created_at: string;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  delivered_at: string | null;
  last_error: string | null;
}

/** The Subscriptions' tables (lib/db/subscription-migrations.ts). */
export interface SubscriptionTables {
  smart_client_notify_hosts: SmartClientNotifyHostsTable;
  subscriptions: SubscriptionsTable;
  subscription_events: SubscriptionEventsTable;
}
