import type { ServiceRequest } from "@medplum/fhirtypes";
import { CPT_SYSTEM } from "@/lib/policy/engine/ehr-codes";
import type { Policy } from "@/lib/policy/engine/types";
import type { PolicyRegistry } from "@/lib/policy/registry";
import type { DraftOrder } from "./hook-request";

// Pure: which policy version governs a draft order, read as the form and PAS read a submission
// (the registry's serviceForCpt and policyOn): its CPT code names the service, its date the version.

export interface Governed {
  order: DraftOrder;
  cpt: string;
  service: string;
  policy: Policy;
}

/**
 * The policy whose services list the order's CPT code, in the version in force on the order's
 * date (today's when it has none); undefined when no listed policy governs it, or when no version
 * was in force on its date (a request for it would be refused).
 */
export function governing(registry: PolicyRegistry, order: DraftOrder): Governed | undefined {
  for (const coding of order.resource.code?.coding ?? []) {
    if (coding.system !== CPT_SYSTEM || typeof coding.code !== "string") continue;
    const service = registry.serviceForCpt(coding.code);
    if (!service) continue;
    const judged = registry.policyOn(service.policyId, occurrenceDate(order.resource));
    return judged.ok
      ? { order, cpt: service.cpt, service: service.label, policy: judged.policy }
      : undefined;
  }
  return undefined;
}

function occurrenceDate(order: ServiceRequest): string | undefined {
  const value = order.occurrenceDateTime ?? order.occurrencePeriod?.start;
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value)
    ? value.slice(0, 10)
    : undefined;
}
