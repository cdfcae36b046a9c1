import type { EhrCode } from "@/lib/policy/engine/ehr-codes";
import { isObject } from "@/lib/http/parse-json";

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

const codings = (concept: unknown): { system: string; code: string; display?: string }[] =>
  isObject(concept) && Array.isArray(concept.coding)
    ? concept.coding
        .filter(
          (c): c is Record<string, unknown> & { system: string; code: string } =>
            isObject(c) && typeof c.system === "string" && typeof c.code === "string",
        )
        .map((c) => ({
          system: c.system,
          code: c.code,
          ...(typeof c.display === "string" && c.display.length <= 500
            ? { display: c.display }
            : {}),
        }))
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

/** A date the resource records: the first of these that holds one (dateTime or Period.start). */
function firstDate(resource: Resource, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = resource[name];
    const date = isObject(value) ? value.start : value;
    if (typeof date === "string" && /^\d{4}-\d{2}-\d{2}/.test(date)) return date.slice(0, 10);
  }
  return undefined;
}

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

/** The clinical statuses of a current condition: pre-emptive DLI is given in remission. */
const CURRENT = ["active", "recurrence", "relapse", "remission"] as const;

/**
 * The codes of the patient's conditions and completed procedures, with their dates and the EHR's
 * own text (rules-0261.md r3). A Condition refuted or entered in error, a procedure not completed,
 * or a resource about another patient is not read. A Condition active, recurring, relapsed or in
 * remission is current; inactive, resolved or without a status, it is history.
 */
export function ehrCodes(prefetch: Record<string, unknown>, patientId: string): EhrCode[] {
  const conditions = prefetched(prefetch.conditions, "Condition").filter(
    (c) =>
      isAbout(c, patientId) &&
      !hasCode(c.verificationStatus, VERIFICATION, ["refuted", "entered-in-error"]),
  );
  const procedures = prefetched(prefetch.procedures, "Procedure").filter(
    (p) => isAbout(p, patientId) && p.status === "completed",
  );
  return [
    ...conditions.flatMap((c) => {
      const status = hasCode(c.clinicalStatus, CLINICAL, CURRENT) ? "current" : "history";
      const date = firstDate(c, ["onsetDateTime", "onsetPeriod", "recordedDate"]);
      return codings(c.code).map((code): EhrCode => ({
        resource: "Condition",
        ...code,
        date,
        status,
      }));
    }),
    ...procedures.flatMap((p) => {
      const date = firstDate(p, ["performedDateTime", "performedPeriod"]);
      return codings(p.code).map((code): EhrCode => ({
        resource: "Procedure",
        ...code,
        date,
        status: "current",
      }));
    }),
  ];
}
