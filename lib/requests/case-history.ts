import "server-only";
import * as z from "zod/mini";
import { peopleByIds, type Person } from "@/lib/auth/people";
import { auditTrail } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db/database";
import type { DecisionAction, RequestEventKind } from "@/lib/request-model/vocabulary";
import { eventDetailFromJson, type EventDetail } from "./event-detail";
import { readStoredJson } from "./stored-json";
import type { AttachmentType } from "@/lib/request-model/attachment-check";
import { fileNameFor } from "@/lib/request-model/attachment-check";

/** A request for more information's criteria (gate titles), as its row keeps them. */
const CRITERIA = z.array(z.string());

export interface AttachmentInfo {
  id: number;
  name: string;
  contentType: AttachmentType;
  size: number;
  uploader: Person;
  uploadedAt: string;
}

export type HistoryEntry = { at: string; actor: Person } & (
  | {
      kind: "decision";
      action: DecisionAction;
      reviewActionCode: string;
      rationale: string;
      /** For a request for more information: the criteria that need documentation. */
      criteria: string[];
      /** For one about a PAS request: what the EHR is to send for each criterion (LOINC). */
      documents: string[];
    }
  | { kind: RequestEventKind; body: string; detail: EventDetail; attachments: AttachmentInfo[] }
);

export interface CaseHistory {
  /** Every decision and message, oldest first. */
  entries: HistoryEntry[];
  /** The files sent with the submission itself. */
  submitted: AttachmentInfo[];
  /** Who did what and when, with names and roles. */
  audit: { at: string; actor: Person | null; action: string }[];
}

/** A request's decisions, messages, files and audit trail, with people named. */
export async function caseHistory(db: Db, requestId: number, reference: string) {
  const [decisions, events, files, audit, items] = await Promise.all([
    db.kysely
      .selectFrom("decisions")
      .selectAll()
      .where("request_id", "=", requestId)
      .orderBy("id")
      .execute(),
    db.kysely
      .selectFrom("request_events")
      .selectAll()
      .where("request_id", "=", requestId)
      .orderBy("id")
      .execute(),
    db.kysely
      .selectFrom("attachments")
      .select(["id", "event_id", "name", "content_type", "size", "uploader_id", "uploaded_at"])
      .where("request_id", "=", requestId)
      .orderBy("id")
      .execute(),
    auditTrail(db, reference),
    db.kysely
      .selectFrom("pend_items")
      .select(["decision_id", "document"])
      .where("request_id", "=", requestId)
      .orderBy("position")
      .execute(),
  ]);
  const people = await peopleByIds(db, [
    ...decisions.map((d) => d.reviewer_id),
    ...events.map((e) => e.actor_id),
    ...files.map((f) => f.uploader_id),
    ...audit.map((a) => a.actorId),
  ]);
  const person = (id: string) => people.get(id)!;
  const info = (f: (typeof files)[number]): AttachmentInfo => ({
    id: f.id,
    // Rows stored before names were cleaned are shown as they are downloaded.
    name: fileNameFor(f.name, f.content_type),
    contentType: f.content_type,
    size: Number(f.size),
    uploader: person(f.uploader_id),
    uploadedAt: f.uploaded_at,
  });
  const entries: HistoryEntry[] = [
    ...decisions.map((d): HistoryEntry => ({
      kind: "decision",
      at: d.decided_at,
      actor: person(d.reviewer_id),
      action: d.action,
      reviewActionCode: d.review_action_code,
      rationale: d.rationale,
      criteria: d.criteria_json
        ? readStoredJson(`The criteria of decision ${d.id}`, d.criteria_json, CRITERIA)
        : [],
      documents: items.filter((i) => Number(i.decision_id) === d.id).map((i) => i.document),
    })),
    ...events.map((e): HistoryEntry => ({
      kind: e.kind,
      at: e.at,
      actor: person(e.actor_id),
      body: e.body,
      detail: eventDetailFromJson(e.id, e.detail_json),
      attachments: files.filter((f) => f.event_id === e.id).map(info),
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return {
    entries,
    submitted: files.filter((f) => f.event_id === null).map(info),
    audit: audit.map((a) => ({
      at: a.at,
      actor: a.actorId === null ? null : person(a.actorId),
      action: a.action,
    })),
  } satisfies CaseHistory;
}

/** One attachment's bytes, when it belongs to the request. */
export async function attachmentOf(db: Db, requestId: number, id: number) {
  return db.kysely
    .selectFrom("attachments")
    .select(["id", "name", "content_type", "size", "data"])
    .where("request_id", "=", requestId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/**
 * The history as the physician reads it: a reviewer's recommended denial is a draft for the
 * medical director, so the physician learns only that a medical director now decides.
 */
export function physicianView(history: CaseHistory): CaseHistory {
  return {
    ...history,
    entries: history.entries.map((e) =>
      e.kind === "denial-recommended" ? { ...e, body: "", attachments: [] } : e,
    ),
  };
}
