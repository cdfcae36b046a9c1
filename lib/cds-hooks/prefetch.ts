import type { EhrCode } from "@/lib/policy/engine/ehr-codes";
import { isObject } from "./hook-request";

// Pure: what a hook's prefetch (CDS Hooks 2.0 §Prefetch) holds for this service — the patient's
// active Coverage, and the codes of their conditions and procedures — read defensively: a
// prefetch may be absent, null (the EHR could not fetch it), a resource or a Bundle of them.

type Resource = Record<string, unknown>;

/** The resources of a prefetch value, whether it is one resource or a Bundle of entries. */
export function prefetched(value: unknown, resourceType: string): Resource[] {
  if (!isObject(value)) return [];
  if (value.resourceType === resourceType) return [value];
  if (value.resourceType !== "Bundle" || !Array.isArray(value.entry)) return [];
  return value.entry
    .map((e: unknown) => (isObject(e) ? e.resource : undefined))
    .filter((r): r is Resource => isObject(r) && r.resourceType === resourceType);
}

/** A reference to this patient, as "Patient/<id>" or an absolute URL ending with it. */
function isAbout(resource: Resource, patientId: string): boolean {
  const subject = isObject(resource.subject) ? resource.subject.reference : undefined;
  const beneficiary = isObject(resource.beneficiary) ? resource.beneficiary.reference : undefined;
  const reference = subject ?? beneficiary;
  return (
    typeof reference === "string" &&
    (reference === `Patient/${patientId}` || reference.endsWith(`/Patient/${patientId}`))
  );
}

const codes = (concept: unknown): { system: string; code: string }[] =>
  isObject(concept) && Array.isArray(concept.coding)
    ? concept.coding.filter(
        (c): c is { system: string; code: string } =>
          isObject(c) && typeof c.system === "string" && typeof c.code === "string",
      )
    : [];

const CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
const VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

/** A status coding's code, in its own code system (or with the system left out). */
const hasCode = (concept: unknown, system: string, allowed: readonly string[]) =>
  isObject(concept) &&
  Array.isArray(concept.coding) &&
  concept.coding.some(
    (c) =>
      isObject(c) &&
      (c.system === undefined || c.system === system) &&
      typeof c.code === "string" &&
      allowed.includes(c.code),
  );

/** The Coverage the system action names: exactly one active Coverage of this patient, or why not. */
export function activeCoverage(
  prefetch: Record<string, unknown>,
  patientId: string,
): { ok: true; reference: string } | { ok: false; problem: string } {
  const coverages = prefetched(prefetch.coverage, "Coverage").filter(
    (c) => c.status === "active" && isAbout(c, patientId),
  );
  if (coverages.length !== 1)
    return {
      ok: false,
      problem: `prefetch.coverage holds ${coverages.length === 0 ? "no" : coverages.length} active Coverage of Patient/${patientId}; exactly one is needed, since the coverage-information extension names the Coverage it applies to (CRD 2.1 §Hooks: 400 when no Coverage or several are accessible). This service reads no EHR FHIR server: send the prefetch.`,
    };
  const id = coverages[0]!.id;
  if (typeof id !== "string" || !/^[A-Za-z0-9\-.]{1,64}$/.test(id))
    return { ok: false, problem: "prefetch.coverage: the Coverage has no FHIR id to refer to." };
  return { ok: true, reference: `Coverage/${id}` };
}

/**
 * The codes of the patient's active, confirmed conditions and completed procedures. A resource
 * about another patient, entered in error, refuted or only suspected is not read.
 */
export function ehrCodes(prefetch: Record<string, unknown>, patientId: string): EhrCode[] {
  const conditions = prefetched(prefetch.conditions, "Condition").filter(
    (c) =>
      isAbout(c, patientId) &&
      hasCode(c.clinicalStatus, CLINICAL, ["active", "recurrence", "relapse"]) &&
      (c.verificationStatus === undefined ||
        hasCode(c.verificationStatus, VERIFICATION, ["confirmed"])),
  );
  const procedures = prefetched(prefetch.procedures, "Procedure").filter(
    (p) => isAbout(p, patientId) && p.status === "completed",
  );
  return [
    ...conditions.flatMap((c) =>
      codes(c.code).map((code) => ({ resource: "Condition" as const, ...code })),
    ),
    ...procedures.flatMap((p) =>
      codes(p.code).map((code) => ({ resource: "Procedure" as const, ...code })),
    ),
  ];
}
