import type { Bundle, CodeSystem, Questionnaire, ValueSet } from "@medplum/fhirtypes";
import type { Policy } from "@/lib/policy/engine/types";
import { policyCodeSystems } from "./code-systems";
import { policyQuestionnaire } from "./questionnaire";
import { policyValueSets } from "./value-sets";

export type ConformanceType = "Questionnaire" | "CodeSystem" | "ValueSet";
type Conformance = Questionnaire | CodeSystem | ValueSet;

/** The resources this server publishes for these policy versions, each at its canonical URL. */
export function conformanceResources(
  base: string,
  versions: readonly Policy[],
  type: ConformanceType,
): Conformance[] {
  const resources: Conformance[] = [];
  for (const policy of versions)
    if (type === "Questionnaire") resources.push(policyQuestionnaire(base, policy));
    else if (type === "CodeSystem") resources.push(...policyCodeSystems(base, policy));
    else resources.push(...policyValueSets(base, policy));
  return resources;
}

/** The resource with this id and version, among these policy versions. */
export function readConformance(
  base: string,
  versions: readonly Policy[],
  type: ConformanceType,
  id: string,
  version: string,
) {
  return conformanceResources(base, versions, type).find(
    (r) => r.id === id && r.version === version,
  );
}

/** A searchset of the resources whose canonical URL is `url` (a "|version" suffix must match). */
export function searchConformance(
  base: string,
  versions: readonly Policy[],
  type: ConformanceType,
  url: string | null,
): Bundle<Conformance> {
  const [canonical, version] = (url ?? "").split("|");
  const matches = conformanceResources(base, versions, type).filter(
    (r) =>
      url === null || (r.url === canonical && (version === undefined || r.version === version)),
  );
  return {
    resourceType: "Bundle",
    type: "searchset",
    total: matches.length,
    link: [
      {
        relation: "self",
        url: `${base}/${type}${url === null ? "" : `?url=${encodeURIComponent(url)}`}`,
      },
    ],
    entry: matches.map((resource) => ({
      fullUrl: `${base}/${type}/${resource.id}/_history/${resource.version}`,
      resource,
      search: { mode: "match" },
    })),
  };
}
