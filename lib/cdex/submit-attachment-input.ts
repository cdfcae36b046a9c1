import { MAX_ATTACHMENTS } from "@/lib/request-model/attachment-check";
import { Problems, type Resource } from "@/lib/pas/bundle";
import { isObject } from "@/lib/http/parse-json";
import { documentFiles, type SupportingDocument } from "@/lib/pas/supporting-documents";

// Pure: the input Parameters of CDex 2.1's $submit-attachment (OperationDefinition
// submit-attachment, profile cdex-parameters-submit-attachment) for a solicited attachment of a
// prior authorization: the TrackingId (our attachment control number), AttachTo
// "preauthorization", the MemberId, Final, and one or more Attachment parts whose Content is a
// DocumentReference (files checked as a physician's are) or a QuestionnaireResponse. Every
// problem is named by its FHIRPath; nothing is fetched from an attachment's url.

const INPUTS = [
  "TrackingId",
  "AttachTo",
  "PayerId",
  "OrganizationId",
  "ProviderId",
  "MemberId",
  "ServiceDate",
  "Final",
  "Attachment",
];
const ATTACHMENT_PARTS = ["LineItem", "Code", "Content"];
const MAX_PARAMETERS = 30;

export interface AttachmentSubmission {
  trackingId: string;
  memberId: string;
  /** Final absent counts as true (CDex: the last submission for this TrackingId). */
  final: boolean;
  files: SupportingDocument[];
  responses: { resource: Resource; path: string }[];
}

export type ReadSubmission =
  { ok: true; submission: AttachmentSubmission } | { ok: false; problems: Problems };

const identifierValue = (value: unknown) =>
  isObject(value) &&
  typeof value.value === "string" &&
  value.value.length > 0 &&
  value.value.length <= 200
    ? value.value
    : undefined;

export function readSubmitAttachment(body: unknown): ReadSubmission {
  const problems = new Problems();
  const fail = () => ({ ok: false as const, problems });
  if (!isObject(body) || body.resourceType !== "Parameters") {
    problems.add(
      "Parameters",
      "the body must be a Parameters resource (CDex $submit-attachment)",
      "structure",
    );
    return fail();
  }
  const parameters = Array.isArray(body.parameter) ? body.parameter : [];
  if (parameters.length > MAX_PARAMETERS) {
    problems.add("Parameters.parameter", `at most ${MAX_PARAMETERS} parameters`, "too-costly");
    return fail();
  }
  const seen = new Map<string, number>();
  let trackingId: string | undefined;
  let memberId: string | undefined;
  let final = true;
  const documents: { resource: Resource; path: string }[] = [];
  const responses: { resource: Resource; path: string }[] = [];
  parameters.forEach((parameter: unknown, i) => {
    const at = `Parameters.parameter[${i}]`;
    if (!isObject(parameter) || typeof parameter.name !== "string")
      return problems.add(at, "must be a parameter with a name", "structure");
    const { name } = parameter;
    if (!INPUTS.includes(name))
      return problems.add(
        `${at}.name`,
        `${JSON.stringify(name.slice(0, 60))} is not an input of $submit-attachment (${INPUTS.join(", ")})`,
        "not-supported",
      );
    seen.set(name, (seen.get(name) ?? 0) + 1);
    if (name !== "Attachment" && seen.get(name)! > 1)
      return problems.add(at, `${name} is given more than once`);
    switch (name) {
      case "TrackingId":
        trackingId = identifierValue(parameter.valueIdentifier);
        if (!trackingId)
          problems.add(
            `${at}.valueIdentifier.value`,
            "must be the attachment control number of the ClaimResponse's CommunicationRequest (its identifier)",
            "required",
          );
        return;
      case "AttachTo":
        if (parameter.valueCode !== "preauthorization")
          problems.add(
            `${at}.valueCode`,
            "must be preauthorization: this server takes attachments for prior authorization requests only",
          );
        return;
      case "MemberId":
        memberId = identifierValue(parameter.valueIdentifier);
        if (!memberId)
          problems.add(
            `${at}.valueIdentifier.value`,
            "must be the member ID of the request's patient",
            "required",
          );
        return;
      case "Final":
        if (typeof parameter.valueBoolean !== "boolean")
          return problems.add(`${at}.valueBoolean`, "must be true or false");
        final = parameter.valueBoolean;
        return;
      case "Attachment":
        return readAttachment(parameter, at, problems, documents, responses);
      default:
        // PayerId, OrganizationId, ProviderId, ServiceDate: accepted; the TrackingId decides.
        return;
    }
  });
  if (!seen.has("TrackingId"))
    problems.add("Parameters.parameter", "TrackingId is required", "required");
  if (!seen.has("AttachTo"))
    problems.add("Parameters.parameter", "AttachTo (preauthorization) is required", "required");
  if (!seen.has("MemberId"))
    problems.add("Parameters.parameter", "MemberId is required", "required");
  if (!seen.has("Attachment"))
    problems.add(
      "Parameters.parameter",
      "at least one Attachment is required (a DocumentReference or a QuestionnaireResponse)",
      "required",
    );
  if (documents.length + responses.length > MAX_ATTACHMENTS)
    problems.add(
      "Parameters.parameter",
      `at most ${MAX_ATTACHMENTS} attachments in one submission; ${documents.length + responses.length} were sent`,
      "too-costly",
    );
  if (problems.any) return fail();
  const files = documentFiles(documents, problems, "Parameters.parameter");
  if (problems.any) return fail();
  return {
    ok: true,
    submission: { trackingId: trackingId!, memberId: memberId!, final, files, responses },
  };
}

function readAttachment(
  parameter: Record<string, unknown>,
  at: string,
  problems: Problems,
  documents: { resource: Resource; path: string }[],
  responses: { resource: Resource; path: string }[],
) {
  const parts = Array.isArray(parameter.part) ? parameter.part : [];
  let content = 0;
  parts.forEach((part: unknown, j) => {
    const path = `${at}.part[${j}]`;
    if (!isObject(part) || typeof part.name !== "string" || !ATTACHMENT_PARTS.includes(part.name))
      return problems.add(path, `must be a part named ${ATTACHMENT_PARTS.join(", ")}`, "structure");
    if (part.name !== "Content") return;
    content++;
    const resource = part.resource;
    const where = `${path}.resource`;
    if (isObject(resource) && resource.resourceType === "DocumentReference")
      return documents.push({ resource: resource as Resource, path: where });
    if (isObject(resource) && resource.resourceType === "QuestionnaireResponse")
      return responses.push({ resource: resource as Resource, path: where });
    problems.add(where, "must be a DocumentReference or a QuestionnaireResponse", "structure");
  });
  if (content !== 1)
    problems.add(
      `${at}.part`,
      "an Attachment has exactly one Content part (the DocumentReference or QuestionnaireResponse)",
      "required",
    );
}
