import "server-only";
import { getCurrentUser } from "@/lib/server/current-user";
import { serviceOf } from "@/lib/requests/service";
import { STATE_LABELS } from "@/lib/request-model/state-machine";
import { appContext } from "@/lib/server/app-context";
import { openCase } from "@/lib/server/open-case";
import { jsonError } from "./json-response";
import { determinationLines } from "./served-evaluation";

/**
 * GET /api/requests/{reference}: where a request stands, for integrations that follow it: its
 * state, version (for the next step's expectedVersion), due time, the steps the caller may take
 * and its history with links to its files. A reviewer's read is audited like the page's.
 */
export async function requestStatusRoute(
  _request: Request,
  { params }: { params: Promise<{ reference: string }> },
): Promise<Response> {
  const { reference } = await params;
  const user = await getCurrentUser();
  if (!user) return jsonError(401, "Sign in to read a request.");
  const { db } = await appContext();
  const opened = await openCase(db, reference, user, "read");
  if (!opened.ok) return jsonError(404, `No request ${reference.slice(0, 20)}.`);
  const { request, policy, authorization, history, steps } = opened.case;
  const { stored, now, differs, explanation } = opened.case.reading;
  const link = (id: number) => `/api/requests/${reference}/attachments/${id}`;
  const file = (f: (typeof history.submitted)[number]) => ({
    name: f.name,
    contentType: f.contentType,
    size: f.size,
    uploadedAt: f.uploadedAt,
    uploadedBy: f.uploader.name,
    href: link(f.id),
  });
  return Response.json(
    {
      reference,
      status: request.status,
      statusLabel: STATE_LABELS[request.status],
      version: request.version,
      urgency: request.urgency,
      determination: request.determination,
      determinationLabel: stored.label,
      rulesRevision: stored.policy.rulesRevision,
      ...determinationLines(policy),
      // Today's reading of the stored answers, beside the stored one where the rules differ.
      currentReading:
        differs || now.policy.rulesRevision !== stored.policy.rulesRevision
          ? {
              determination: now.determination,
              determinationLabel: now.label,
              rulesRevision: now.policy.rulesRevision,
              differs,
              explanation,
            }
          : null,
      service: serviceOf(policy, request.answers) ?? null,
      serviceDate: request.serviceDate,
      retrospective: request.retrospective,
      assignedTo: request.assignedTo,
      submittedAt: request.submittedAt,
      dueAt: request.dueAt,
      decidedAt: request.decidedAt,
      extension: request.extendedAt
        ? { at: request.extendedAt, reason: request.extensionReason }
        : null,
      /** What the approval authorizes, and until when; null until the request is approved. */
      authorization: authorization
        ? {
            number: authorization.record.number,
            service: authorization.record.service,
            cpt: authorization.record.cpt,
            units: authorization.record.units,
            validFrom: authorization.record.validFrom,
            validTo: authorization.record.validTo,
            issuedAt: authorization.record.issuedAt,
            issuedBy: authorization.issuedBy,
            byRule: authorization.record.byRule,
          }
        : null,
      steps,
      attachments: history.submitted.map(file),
      history: history.entries.map((entry) => {
        const by = { at: entry.at, by: { name: entry.actor.name, role: entry.actor.role } };
        return entry.kind === "decision"
          ? {
              ...by,
              kind: entry.kind,
              action: entry.action,
              reviewActionCode: entry.reviewActionCode,
              rationale: entry.rationale,
              criteria: entry.criteria,
            }
          : {
              ...by,
              kind: entry.kind,
              text: entry.body,
              ...(entry.detail.corrected
                ? {
                    determinationBefore: entry.detail.before?.determination,
                    determinationAfter: entry.detail.after?.determination,
                    answersBefore: entry.detail.before?.answers,
                    answersAfter: entry.detail.after?.answers,
                  }
                : {}),
              ...(entry.detail.serviceDate ? { serviceDate: entry.detail.serviceDate } : {}),
              ...(entry.detail.expedited ? { expedited: true } : {}),
              attachments: entry.attachments.map(file),
            };
      }),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}
