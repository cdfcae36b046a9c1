import "server-only";
import { env } from "@/lib/env";
import { policyTitle } from "@/lib/policy/engine/policy-title";
import { policies } from "./policies";

/** A CPT code a listed policy governs, with the service and the policy that governs it. */
export interface GovernedService {
  cpt: string;
  label: string;
  /** The policy that governs it, as its document names itself. */
  policy: string;
}

const governed = (): GovernedService[] =>
  policies.services.map(({ cpt, label, policyId }) => ({
    cpt,
    label,
    policy: policyTitle(policies.getPolicy(policyId)!.meta),
  }));

/**
 * The plan's configured list of codes that need prior authorization (PRIOR_AUTH_CODES), each one
 * a service a listed policy governs; null when the list is not configured. rules-0261.md r3:
 * whether a code needs prior authorization comes from this list, never from the policy text.
 */
export function priorAuthCodes(): ReadonlySet<string> | null {
  const setting = env().PRIOR_AUTH_CODES;
  if (setting === undefined) return null;
  const codes = new Set(setting === "" ? [] : setting.split(","));
  const known = new Set(governed().map((s) => s.cpt));
  const unknown = [...codes].filter((c) => !known.has(c));
  if (unknown.length)
    throw new Error(
      `Invalid environment: PRIOR_AUTH_CODES lists ${unknown.join(", ")}, which no listed policy governs (they govern ${[...known].join(", ")})`,
    );
  return codes;
}

/** The governed services on the plan's list, for /metrics; none while no list is configured. */
export const servicesNeedingAuthorization = (): GovernedService[] => {
  const codes = priorAuthCodes();
  return codes ? governed().filter((s) => codes.has(s.cpt)) : [];
};
