import type { OperationOutcomeIssue } from "@medplum/fhirtypes";
import { issueAt } from "@/lib/fhir/outcomes";
import { isObject } from "@/lib/http/parse-json";

// Pure: reading a PAS request Bundle (PAS STU 2.0.1, profile-pas-request-bundle and
// profile-pas-inquiry-request-bundle): its entries by fullUrl, references resolved inside it,
// and each problem named by the FHIRPath of the element at fault.

export type Resource = Record<string, unknown> & { resourceType: string };

export interface Located {
  resource: Resource;
  /** "Bundle.entry[2].resource" */
  path: string;
  fullUrl: string;
}

export const NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi";
export const PAS_EXTENSION = "http://hl7.org/fhir/us/davinci-pas/StructureDefinition";
export const PAS_TEMP_CODES = "http://hl7.org/fhir/us/davinci-pas/CodeSystem/PASTempCodes";

export class Problems {
  readonly issues: OperationOutcomeIssue[] = [];
  add(expression: string, diagnostics: string, code: OperationOutcomeIssue["code"] = "invalid") {
    this.issues.push(issueAt(expression, diagnostics, code));
  }
  get any() {
    return this.issues.length > 0;
  }
}

export class BundleIndex {
  readonly entries: Located[] = [];
  private readonly byUrl = new Map<string, Located>();

  constructor(entries: unknown[], problems: Problems) {
    entries.forEach((entry, i) => {
      const path = `Bundle.entry[${i}]`;
      if (!isObject(entry))
        return problems.add(path, "must be an entry with fullUrl and resource", "structure");
      const { fullUrl, resource } = entry;
      if (typeof fullUrl !== "string" || fullUrl.length === 0 || fullUrl.length > 2000)
        return problems.add(
          `${path}.fullUrl`,
          "is required (PAS: the resource's URL or urn:uuid:<guid>)",
          "required",
        );
      if (!isObject(resource) || typeof resource.resourceType !== "string")
        return problems.add(`${path}.resource`, "must be a FHIR resource", "structure");
      if (this.byUrl.has(fullUrl))
        return problems.add(
          `${path}.fullUrl`,
          "is used by another entry: each resource appears once",
        );
      const located = { resource: resource as Resource, path: `${path}.resource`, fullUrl };
      this.entries.push(located);
      this.byUrl.set(fullUrl, located);
      // A RESTful fullUrl also answers the relative reference Type/id (FHIR R4 §Bundle references).
      const relative = /([A-Za-z]+\/[A-Za-z0-9\-.]{1,64})$/.exec(fullUrl);
      if (relative && !fullUrl.startsWith("urn:") && !this.byUrl.has(relative[1]!))
        this.byUrl.set(relative[1]!, located);
    });
  }

  /** The entry a reference names (its fullUrl, or Type/id for a RESTful one), if any. */
  find(reference: string): Located | undefined {
    return this.byUrl.get(reference);
  }

  /**
   * The entry `reference` (at `path`) points to, of one of `types`; otherwise the problem is
   * recorded and undefined returned.
   */
  resolve(reference: unknown, path: string, types: readonly string[], problems: Problems) {
    const target = isObject(reference) ? reference.reference : undefined;
    if (typeof target !== "string") {
      problems.add(path, `must reference the ${types.join(" or ")} in this Bundle`, "required");
      return undefined;
    }
    const found = this.byUrl.get(target);
    if (!found) {
      problems.add(
        `${path}.reference`,
        `${JSON.stringify(target.slice(0, 100))} is not the fullUrl of an entry of this Bundle`,
      );
      return undefined;
    }
    if (!types.includes(found.resource.resourceType)) {
      problems.add(
        `${path}.reference`,
        `must point to a ${types.join(" or ")}, not a ${found.resource.resourceType}`,
      );
      return undefined;
    }
    return found;
  }
}

/** A string element of at most `max` characters, or the problem recorded. */
export function text(value: unknown, path: string, problems: Problems, what: string, max = 255) {
  if (typeof value === "string" && value.trim().length > 0 && value.length <= max)
    return value.trim();
  problems.add(path, `${what} is required (text of at most ${max} characters)`, "required");
  return undefined;
}

/** "system|value" of an Identifier, or undefined. */
export function identifierKey(identifier: unknown): string | undefined {
  if (!isObject(identifier) || typeof identifier.value !== "string") return undefined;
  const value = identifier.value.trim();
  const system = typeof identifier.system === "string" ? identifier.system : "";
  if (value.length === 0 || value.length > 255 || system.length > 500) return undefined;
  return `${system}|${value}`;
}

/** A HumanName as one line: its text, or prefix, given and family names. */
export function humanName(names: unknown): string | undefined {
  if (!Array.isArray(names) || !isObject(names[0])) return undefined;
  const name = names[0];
  if (typeof name.text === "string" && name.text.trim()) return name.text.trim();
  const parts = [
    ...(Array.isArray(name.prefix) ? name.prefix : []),
    ...(Array.isArray(name.given) ? name.given : []),
    name.family,
  ].filter((p): p is string => typeof p === "string" && p.trim().length > 0);
  return parts.length ? parts.join(" ") : undefined;
}

/** The codes of a CodeableConcept in one system. */
export const codesIn = (concept: unknown, system: string): string[] =>
  isObject(concept) && Array.isArray(concept.coding)
    ? concept.coding
        .filter((c): c is Record<string, unknown> => isObject(c) && c.system === system)
        .map((c) => c.code)
        .filter((c): c is string => typeof c === "string")
    : [];
