import { answersFromResponse } from "@/lib/fhir/questionnaire-response";
import { answerForCpt, CPT_SYSTEM } from "@/lib/policy/engine/ehr-codes";
import type { Policy } from "@/lib/policy/engine/types";
import type { PolicyRegistry } from "@/lib/policy/registry";
import { codesIn, humanName, PAS_TEMP_CODES, Problems, type Located } from "./bundle";
import { isObject } from "@/lib/http/parse-json";
import type { RequestSubmission } from "@/lib/validations/request-submission";
import { isPastServiceDate } from "@/lib/validations/service-date";
import { readClaimBundle, type ClaimBundle } from "./claim-bundle";
import { claimDiagnosisCodes, diagnosisFlags, type DiagnosisFlag } from "./diagnosis-flags";
import { supportingDocuments, type SupportingDocument } from "./supporting-documents";

// Pure: a PAS request Bundle (PAS STU 2.0.1 §Prior Authorization Submission) mapped onto the
// submission the request form makes, so the same schema (NPI check digit, dates, answers under
// the policy version in force on the date of service) validates it. What cannot be mapped is
// named by FHIRPath; the submission's own validation errors are named there too (pathOf). The
// DocumentReferences in supportingInfo become the request's files (checked as a physician's
// uploads are); Claim.diagnosis codes that disagree with the answers become flags for the reviewer.

/** The submission's fields a Bundle gives (the attestation is the form's alone). */
type BundleField = Exclude<keyof RequestSubmission, "attestation">;

export interface MappedSubmission {
  /** The form's fields, unvalidated: for parseSubmission. */
  input: Record<BundleField, unknown>;
  /** Each submission field's FHIRPath in the Bundle. */
  pathOf: Record<BundleField, string>;
  parts: ClaimBundle;
  cpt: string;
  policy: Policy;
  /** The files of the Claim's DocumentReferences, checked. */
  attachments: SupportingDocument[];
  /** Where the Claim's diagnosis codes propose other answers than those given. */
  diagnosisFlags: DiagnosisFlag[];
}

export type MapResult = { ok: true; value: MappedSubmission } | { ok: false; problems: Problems };

const CLAIM = "Bundle.entry[0].resource";
// Claim.priority (R4, processpriority): stat is the expedited review (72 hours), anything else standard.
const PRIORITY = "http://terminology.hl7.org/CodeSystem/processpriority";

export function mapSubmitBundle(body: unknown, registry: PolicyRegistry, base: string): MapResult {
  const problems = new Problems();
  const parts = readClaimBundle(body, problems, { requireClaimIdentifier: true });
  const claim = parts?.claim.resource;
  const service = claim && requestedService(claim, registry, problems);
  const serviceDate = claim && plannedDate(claim, problems);
  const qr = parts && questionnaireResponse(parts, problems);
  const attachments = parts ? supportingDocuments(parts, problems) : [];
  const priority = claim && codesIn(claim.priority, PRIORITY)[0];
  if (claim && !priority)
    problems.add(
      `${CLAIM}.priority`,
      `is required: a code of ${PRIORITY} (stat for an expedited review)`,
      "required",
    );
  if (!parts || !service || !serviceDate || !qr || !priority || problems.any)
    return { ok: false, problems };

  // The answers are read under the version in force on the date of service, as parseSubmission
  // does; a date before the policy's first version is refused before they are read at all.
  const judged = registry.policyOn(service.policyId, serviceDate.date);
  if (!judged.ok) {
    problems.add(serviceDate.path, judged.message);
    return { ok: false, problems };
  }
  const { policy } = judged;
  const answers = answersFromResponse(policy, qr.resource, base);
  if (!answers.ok) {
    for (const i of answers.outcome.issue) {
      const expression = (i.expression?.[0] ?? "QuestionnaireResponse").replace(
        /^QuestionnaireResponse/,
        qr.path,
      );
      problems.add(expression, i.diagnostics ?? "is not valid", i.code);
    }
    return { ok: false, problems };
  }
  if (qr.resource.status !== "completed" && qr.resource.status !== "amended")
    problems.add(
      `${qr.path}.status`,
      "must be completed: a prior authorization is submitted with every answer given",
    );
  const expected = answerForCpt(policy, service.cpt);
  if (expected && answers.answers[expected.field] !== expected.value)
    problems.add(
      `${CLAIM}.item[0].productOrService`,
      `CPT ${service.cpt} is ${service.label}, but the QuestionnaireResponse answers ${expected.field} = ${JSON.stringify(answers.answers[expected.field] ?? null)}: the service asked for and the answers must agree`,
    );
  if (problems.any) return { ok: false, problems };

  const notes = freeFormMessages(claim);
  const flags = diagnosisFlags(
    policy,
    registry.readEhr(policy.id),
    claimDiagnosisCodes(claim),
    answers.answers,
  );
  return {
    ok: true,
    value: {
      input: {
        patientName: humanName(parts.patient.resource.name) ?? "",
        patientBirthDate: parts.patient.resource.birthDate,
        memberId: parts.memberId,
        orderingPhysician: humanName(parts.practitioner.resource.name) ?? "",
        npi: parts.npi,
        serviceDate: serviceDate.date,
        // A Claim for a service already given is retrospective by its date: PAS has no other
        // way to say so, and the reviewer sees the flag.
        retrospective: isPastServiceDate(serviceDate.date),
        urgency: priority === "stat" ? "expedited" : "standard",
        clinicalNotes: notes.text,
        policyId: service.policyId,
        answers: answers.answers,
      },
      pathOf: {
        patientName: `${parts.patient.path}.name[0]`,
        patientBirthDate: `${parts.patient.path}.birthDate`,
        memberId: parts.memberIdPath,
        orderingPhysician: `${parts.practitioner.path}.name[0]`,
        npi: parts.npiPath,
        serviceDate: serviceDate.path,
        retrospective: serviceDate.path,
        urgency: `${CLAIM}.priority`,
        clinicalNotes: notes.path,
        policyId: `${CLAIM}.item[0].productOrService`,
        answers: qr.path,
      },
      parts,
      cpt: service.cpt,
      policy,
      attachments,
      diagnosisFlags: flags,
    },
  };
}

/** The one item's CPT code, and the policy whose services list it. */
function requestedService(
  claim: Record<string, unknown>,
  registry: PolicyRegistry,
  problems: Problems,
) {
  const items = Array.isArray(claim.item) ? claim.item : [];
  if (items.length !== 1 || !isObject(items[0])) {
    problems.add(
      `${CLAIM}.item`,
      "must hold exactly one item: one service per prior authorization request",
    );
    return undefined;
  }
  const codes = codesIn(items[0].productOrService, CPT_SYSTEM);
  const service = codes.map(registry.serviceForCpt).find((s) => s !== undefined);
  if (!service) {
    problems.add(
      `${CLAIM}.item[0].productOrService`,
      `must be a CPT code (${CPT_SYSTEM}) this service reviews: ${registry.services.map((s) => `${s.cpt} (${s.label})`).join(", ")}${codes.length ? `, not ${codes.join(", ")}` : ""}`,
      "not-supported",
    );
    return undefined;
  }
  return service;
}

function plannedDate(claim: Record<string, unknown>, problems: Problems) {
  const item = Array.isArray(claim.item) && isObject(claim.item[0]) ? claim.item[0] : {};
  const date =
    item.servicedDate ?? (isObject(item.servicedPeriod) ? item.servicedPeriod.start : undefined);
  const path = `${CLAIM}.item[0].${item.servicedDate !== undefined ? "servicedDate" : "servicedPeriod.start"}`;
  if (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(date)) {
    problems.add(
      `${CLAIM}.item[0].servicedDate`,
      "the planned date of service is required (YYYY-MM-DD)",
      "required",
    );
    return undefined;
  }
  return { date: date.slice(0, 10), path };
}

/** The QuestionnaireResponse the Claim's supportingInfo points to: exactly one. */
function questionnaireResponse(parts: ClaimBundle, problems: Problems): Located | undefined {
  const info = Array.isArray(parts.claim.resource.supportingInfo)
    ? parts.claim.resource.supportingInfo
    : [];
  const found: Located[] = [];
  info.forEach((entry, i) => {
    if (!isObject(entry) || !isObject(entry.valueReference)) return;
    // A contained resource ("#id") is a DocumentReference, read by supportingDocuments.
    const reference = entry.valueReference.reference;
    if (typeof reference === "string" && reference.startsWith("#")) return;
    const target = parts.index.entries.find(
      (e) => e.fullUrl === (entry.valueReference as Record<string, unknown>).reference,
    );
    if (target?.resource.resourceType === "QuestionnaireResponse") found.push(target);
    else if (target === undefined)
      parts.index.resolve(
        entry.valueReference,
        `${CLAIM}.supportingInfo[${i}].valueReference`,
        ["QuestionnaireResponse", "DocumentReference"],
        problems,
      );
  });
  if (found.length !== 1)
    problems.add(
      `${CLAIM}.supportingInfo`,
      found.length === 0
        ? "must reference the QuestionnaireResponse to the policy's Questionnaire (category additionalInformation)"
        : "references more than one QuestionnaireResponse; send one",
      "required",
    );
  return found.length === 1 ? found[0] : undefined;
}

/** The free-form messages (PAS supportingInfo category freeFormMessage): the clinical notes. */
function freeFormMessages(claim: Record<string, unknown>) {
  const info = Array.isArray(claim.supportingInfo) ? claim.supportingInfo : [];
  const i = info.findIndex(
    (s) => isObject(s) && codesIn(s.category, PAS_TEMP_CODES).includes("freeFormMessage"),
  );
  const messages = info
    .filter((s) => isObject(s) && codesIn(s.category, PAS_TEMP_CODES).includes("freeFormMessage"))
    .map((s) => (s as Record<string, unknown>).valueString);
  return {
    text: messages.every((m) => typeof m === "string") ? messages.join("\n\n") : messages,
    path: `${CLAIM}.supportingInfo[${Math.max(i, 0)}].valueString`,
  };
}
