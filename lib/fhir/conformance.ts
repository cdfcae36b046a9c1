import type { Bundle, CodeSystem, Questionnaire } from "@medplum/fhirtypes";
import { policyCodeSystems } from "./code-systems";
import { policyQuestionnaire } from "./questionnaire";

export type ConformanceType = "Questionnaire" | "CodeSystem";
type Conformance = Questionnaire | CodeSystem;

/** The resources this server publishes, each at its canonical URL. */
export function conformanceResources(base: string, type: ConformanceType): Conformance[] {
  return type === "Questionnaire" ? [policyQuestionnaire(base)] : policyCodeSystems(base);
}

export function readConformance(base: string, type: ConformanceType, id: string) {
  return conformanceResources(base, type).find((r) => r.id === id);
}

/** A searchset of the resources whose canonical URL is `url` (a "|version" suffix must match). */
export function searchConformance(
  base: string,
  type: ConformanceType,
  url: string | null,
): Bundle<Conformance> {
  const [canonical, version] = (url ?? "").split("|");
  const matches = conformanceResources(base, type).filter(
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
      fullUrl: `${base}/${type}/${resource.id}`,
      resource,
      search: { mode: "match" },
    })),
  };
}
