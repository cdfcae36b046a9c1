import type { ValueSet } from "@medplum/fhirtypes";
import type { Policy } from "@/lib/policy/engine/types";
import { policyCodeSystems } from "./code-systems";

/**
 * One ValueSet per CodeSystem of the policy: every code of it (the CodeSystem's `valueSet`), at
 * its canonical URL. The Questionnaire lists its options inline (answerOption, which its option
 * toggles need); these are the same codes, for a DTR client that works with ValueSets.
 */
export function policyValueSets(base: string, policy: Policy): ValueSet[] {
  return policyCodeSystems(base, policy).map((system) => ({
    resourceType: "ValueSet",
    id: system.id,
    url: system.valueSet!,
    version: system.version,
    name: `${system.name}ValueSet`,
    title: system.title,
    status: "active",
    publisher: system.publisher,
    description: `Every code of ${system.url}|${system.version}. ${system.description}`,
    compose: { include: [{ system: system.url, version: system.version }] },
  }));
}

/** The ValueSet with its expansion as of `at` (every code of the CodeSystem it includes). */
export function expandedValueSet(
  base: string,
  policy: Policy,
  valueSet: ValueSet,
  at: Date,
): ValueSet {
  const system = policyCodeSystems(base, policy).find((s) => s.valueSet === valueSet.url)!;
  const contains = (system.concept ?? []).map((c) => ({
    system: system.url,
    version: system.version,
    code: c.code,
    display: c.display,
  }));
  return {
    ...valueSet,
    expansion: { timestamp: at.toISOString(), total: contains.length, contains },
  };
}
