import type { OperationOutcomeIssue, ServiceRequest } from "@medplum/fhirtypes";
import { issueAt } from "@/lib/fhir/outcomes";
import type { CdsService } from "./services";
import { isObject } from "@/lib/http/parse-json";

// Pure: a CDS Hooks 2.0 request body for order-select or order-sign (hooks at version 1.0, as
// CRD STU 2.1 §Hooks names them), read and checked. Every problem is named at once by the path of
// the member at fault; resources other than ServiceRequest in draftOrders are passed over, as CRD
// asks of context it does not use ("SHALL handle unrecognized context elements by ignoring them").

export interface DraftOrder {
  /** "ServiceRequest/<id>": how the EHR names it, and how a system action refers to it. */
  reference: string;
  resource: ServiceRequest;
  /** Its path in the request, for messages. */
  path: string;
}

export interface HookCall {
  hook: CdsService["hook"];
  hookInstance: string;
  patientId: string;
  userId: string;
  /** The draft ServiceRequests this call is about: order-select's selections, order-sign's all. */
  orders: DraftOrder[];
  prefetch: Record<string, unknown>;
  /** CRD 2.1 §Hook configuration: options the EHR set (davinci-crd.configuration). */
  configuration: Record<string, unknown>;
}

export type ParsedHook =
  { ok: true; call: HookCall } | { ok: false; issues: OperationOutcomeIssue[] };

const MAX_ORDERS = 100;
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

export function parseHookRequest(service: CdsService, body: unknown): ParsedHook {
  if (!isObject(body))
    return { ok: false, issues: [issueAt("(body)", "must be a CDS Hooks request: a JSON object")] };
  const issues: OperationOutcomeIssue[] = [];
  const text = (value: unknown, path: string, max = 200) => {
    if (typeof value === "string" && value.trim().length > 0 && value.length <= max) return value;
    issues.push(issueAt(path, `must be a non-empty string of at most ${max} characters`));
    return "";
  };

  if (body.hook !== service.hook)
    issues.push(issueAt("hook", `must be "${service.hook}": this is the ${service.id} service`));
  const hookInstance = text(body.hookInstance, "hookInstance", 100);
  if (body.fhirServer !== undefined && typeof body.fhirServer !== "string")
    issues.push(issueAt("fhirServer", "must be a URL when given"));
  if (body.fhirAuthorization !== undefined && !isObject(body.fhirAuthorization))
    issues.push(issueAt("fhirAuthorization", "must be an object when given"));
  if (body.prefetch !== undefined && body.prefetch !== null && !isObject(body.prefetch))
    issues.push(issueAt("prefetch", "must be an object of prefetched resources when given"));
  const extension = isObject(body.extension) ? body.extension : {};
  const configuration = extension["davinci-crd.configuration"];
  if (configuration !== undefined && !isObject(configuration))
    issues.push(issueAt("extension.davinci-crd.configuration", "must be an object when given"));

  const context = body.context;
  if (!isObject(context)) {
    issues.push(issueAt("context", "must be an object with userId, patientId and draftOrders"));
    return { ok: false, issues };
  }
  const userId = text(context.userId, "context.userId");
  if (userId && !/^(Practitioner|PractitionerRole)\/[^/]+$/.test(userId))
    issues.push(issueAt("context.userId", "must be Practitioner/<id> or PractitionerRole/<id>"));
  const patientId = text(context.patientId, "context.patientId", 64);
  const orders = draftServiceRequests(context.draftOrders, issues);

  let selected = orders;
  if (service.hook === "order-select") {
    const selections = context.selections;
    if (
      !Array.isArray(selections) ||
      selections.length === 0 ||
      !selections.every((s) => typeof s === "string")
    )
      issues.push(issueAt("context.selections", "must be a non-empty array of ResourceType/id"));
    else selected = orders.filter((o) => (selections as string[]).includes(o.reference));
  }
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    call: {
      hook: service.hook,
      hookInstance,
      patientId,
      userId,
      orders: selected,
      prefetch: isObject(body.prefetch) ? body.prefetch : {},
      configuration: isObject(configuration) ? configuration : {},
    },
  };
}

function draftServiceRequests(draftOrders: unknown, issues: OperationOutcomeIssue[]) {
  const at = "context.draftOrders";
  if (!isObject(draftOrders) || draftOrders.resourceType !== "Bundle") {
    issues.push(issueAt(at, "must be a FHIR Bundle of the draft orders"));
    return [];
  }
  const entries = draftOrders.entry ?? [];
  if (!Array.isArray(entries)) {
    issues.push(issueAt(`${at}.entry`, "must be an array"));
    return [];
  }
  if (entries.length > MAX_ORDERS) {
    issues.push(issueAt(`${at}.entry`, `holds more than ${MAX_ORDERS} orders`));
    return [];
  }
  const orders: DraftOrder[] = [];
  const seen = new Set<string>();
  entries.forEach((entry: unknown, i) => {
    const path = `${at}.entry[${i}].resource`;
    const resource = isObject(entry) ? entry.resource : undefined;
    if (!isObject(resource) || typeof resource.resourceType !== "string")
      return issues.push(issueAt(path, "must be a FHIR resource"));
    if (resource.resourceType !== "ServiceRequest") return;
    // CRD 2.1 §Potential CRD Response Types: actions refer to draft orders by a stable id.
    if (typeof resource.id !== "string" || !FHIR_ID.test(resource.id))
      return issues.push(issueAt(`${path}.id`, "must be the draft order's FHIR id"));
    const reference = `ServiceRequest/${resource.id}`;
    if (seen.has(reference))
      return issues.push(issueAt(`${path}.id`, `${reference} is in draftOrders twice`));
    seen.add(reference);
    if (
      resource.extension !== undefined &&
      !(Array.isArray(resource.extension) && resource.extension.every(isObject))
    )
      return issues.push(issueAt(`${path}.extension`, "must be an array of Extensions"));
    if (resource.code !== undefined && !isObject(resource.code))
      return issues.push(issueAt(`${path}.code`, "must be a CodeableConcept"));
    const codings = isObject(resource.code) ? resource.code.coding : undefined;
    if (codings !== undefined && !(Array.isArray(codings) && codings.every(isObject)))
      return issues.push(issueAt(`${path}.code.coding`, "must be an array of Codings"));
    orders.push({ reference, resource: resource as unknown as ServiceRequest, path });
  });
  return orders;
}
