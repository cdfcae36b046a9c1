import { codesIn, Problems } from "@/lib/pas/bundle";
import { isObject } from "@/lib/http/parse-json";
import { CPT_SYSTEM } from "@/lib/policy/engine/ehr-codes";

// Pure: the input Parameters of DTR's Questionnaire/$questionnaire-package (DTR STU 2.1,
// OperationDefinition questionnaire-package and profile dtr-qpackage-input-parameters), read
// into what the package is built from, or every problem named by its FHIRPath.

/** The order types the operation takes (its operationdefinition-allowed-type list). */
const ORDER_TYPES = [
  "Appointment",
  "Encounter",
  "CommunicationRequest",
  "DeviceRequest",
  "MedicationRequest",
  "NutritionOrder",
  "ServiceRequest",
  "SupplyRequest",
  "VisionPrescription",
];
const INPUTS = ["coverage", "order", "questionnaire", "context", "changedsince"];
const MAX_PARAMETERS = 50;
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export interface PackageOrder {
  /** "ServiceRequest/123" when the order has an id: the draft response's context names it. */
  reference?: string;
  cpts: string[];
  path: string;
}

export interface PackageInput {
  coverage: { reference: string; beneficiary: string };
  orders: PackageOrder[];
  questionnaires: { canonical: string; path: string }[];
  /** DTR context ids of 102089-0 pend items: the route finds each one's follow-up questions. */
  contexts: { id: string; path: string }[];
  changedSince?: Date;
}

export type ReadInput = { ok: true; input: PackageInput } | { ok: false; problems: Problems };

export function readPackageInput(body: unknown): ReadInput {
  const problems = new Problems();
  const fail = () => ({ ok: false as const, problems });
  if (!isObject(body) || body.resourceType !== "Parameters") {
    problems.add(
      "Parameters",
      "the body must be a Parameters resource with a coverage and a questionnaire or order",
      "structure",
    );
    return fail();
  }
  const parameters = body.parameter;
  if (!Array.isArray(parameters) || parameters.length === 0) {
    problems.add("Parameters.parameter", "must list the operation's inputs", "required");
    return fail();
  }
  if (parameters.length > MAX_PARAMETERS) {
    problems.add("Parameters.parameter", `at most ${MAX_PARAMETERS} inputs`, "too-costly");
    return fail();
  }

  const coverages: PackageInput["coverage"][] = [];
  const orders: PackageOrder[] = [];
  const questionnaires: PackageInput["questionnaires"] = [];
  let changedSince: Date | undefined;
  const contexts: PackageInput["contexts"] = [];
  let coverageParameters = 0;
  parameters.forEach((parameter: unknown, i) => {
    const at = `Parameters.parameter[${i}]`;
    if (!isObject(parameter) || typeof parameter.name !== "string")
      return problems.add(at, "must be a parameter with a name", "structure");
    const { name, resource } = parameter;
    if (!INPUTS.includes(name))
      return problems.add(
        `${at}.name`,
        `${JSON.stringify(name.slice(0, 60))} is not an input of $questionnaire-package (${INPUTS.join(", ")})`,
        "not-supported",
      );
    if (name === "coverage") {
      coverageParameters++;
      if (!isObject(resource) || resource.resourceType !== "Coverage")
        return problems.add(`${at}.resource`, "must be a Coverage resource", "structure");
      const beneficiary = isObject(resource.beneficiary) ? resource.beneficiary.reference : null;
      if (typeof resource.id !== "string" || !FHIR_ID.test(resource.id))
        problems.add(
          `${at}.resource.id`,
          "the Coverage needs its id: the draft response names it as its context",
          "required",
        );
      if (typeof beneficiary !== "string" || beneficiary.length === 0 || beneficiary.length > 500)
        problems.add(
          `${at}.resource.beneficiary.reference`,
          "the Coverage's beneficiary (a reference to the patient) is required",
          "required",
        );
      if (typeof resource.id === "string" && typeof beneficiary === "string")
        coverages.push({ reference: `Coverage/${resource.id}`, beneficiary });
      return;
    }
    if (name === "order") {
      // Compared as text only when it is text: String() of a hostile object can throw.
      const type = isObject(resource) ? resource.resourceType : undefined;
      if (!isObject(resource) || typeof type !== "string" || !ORDER_TYPES.includes(type))
        return problems.add(
          `${at}.resource`,
          `must be an order: one of ${ORDER_TYPES.join(", ")}`,
          "structure",
        );
      const id = typeof resource.id === "string" && FHIR_ID.test(resource.id) ? resource.id : null;
      return orders.push({
        ...(id ? { reference: `${type}/${id}` } : {}),
        cpts: codesIn(resource.code, CPT_SYSTEM),
        path: `${at}.resource`,
      });
    }
    if (name === "questionnaire") {
      const canonical = parameter.valueCanonical;
      if (typeof canonical !== "string" || canonical.length === 0 || canonical.length > 1000)
        return problems.add(
          `${at}.valueCanonical`,
          "must be the Questionnaire's canonical URL, optionally with |version",
          "required",
        );
      return questionnaires.push({ canonical, path: `${at}.valueCanonical` });
    }
    if (name === "changedsince") {
      const value = parameter.valueInstant;
      if (typeof value !== "string" || !INSTANT.test(value) || Number.isNaN(Date.parse(value)))
        return problems.add(
          `${at}.valueInstant`,
          "must be an instant with its time zone (2026-12-01T08:00:00Z)",
        );
      if (changedSince) return problems.add(at, "changedsince is given more than once");
      changedSince = new Date(value);
      return;
    }
    // context: the DTR context id of a pend asking for data (LOINC 102089-0), from the
    // ClaimResponse item's trace number; whether this client was issued it is the route's to
    // check (a CRD launch id is never one: it is single-use and ours).
    const id = parameter.valueString;
    if (typeof id !== "string" || id.length === 0 || id.length > 200)
      return problems.add(
        `${at}.valueString`,
        "must be the DTR context id of a request for more information (the ClaimResponse item's trace number)",
        "required",
      );
    contexts.push({ id, path: `${at}.valueString` });
  });

  if (coverageParameters === 0)
    problems.add(
      "Parameters.parameter",
      "coverage is required: the Coverage of the member the documentation is for",
      "required",
    );
  if (coverageParameters > 1)
    problems.add("Parameters.parameter", "give one coverage, not several", "invalid");
  if (contexts.length === 0 && orders.length === 0 && questionnaires.length === 0 && !problems.any)
    problems.add(
      "Parameters.parameter",
      "name the Questionnaire (questionnaire, its canonical URL), send the order (order) it is for, or give the DTR context id of a request for more information (context)",
      "required",
    );
  if (problems.any) return fail();
  return {
    ok: true,
    input: {
      coverage: coverages[0]!,
      orders,
      questionnaires,
      contexts,
      ...(changedSince ? { changedSince } : {}),
    },
  };
}
