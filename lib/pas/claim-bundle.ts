import {
  BundleIndex,
  identifierKey,
  NPI_SYSTEM,
  Problems,
  type Located,
  type Resource,
} from "./bundle";
import { isObject } from "@/lib/http/parse-json";

// Pure: the parts a PAS request or inquiry Bundle must have (PAS STU 2.0.1 §Prior Authorization
// Submission: "The first entry in the Bundle SHALL be a Claim"; every resource it references is
// in the Bundle), read from the Claim outwards.

export interface ClaimBundle {
  index: BundleIndex;
  claim: Located;
  bundleIdentifier: string;
  claimIdentifier?: string;
  patient: Located;
  /** The requesting practitioner (through a PractitionerRole, as PAS profiles it, or directly). */
  practitioner: Located;
  npi: string;
  npiPath: string;
  insurer: Located;
  coverage: Located;
  memberId: string;
  memberIdPath: string;
}

const CLAIM = "Bundle.entry[0].resource";

export function readClaimBundle(
  body: unknown,
  problems: Problems,
  { requireClaimIdentifier }: { requireClaimIdentifier: boolean },
): ClaimBundle | undefined {
  if (!isObject(body) || body.resourceType !== "Bundle") {
    problems.add("Bundle", "the body must be a PAS Bundle (resourceType Bundle)", "structure");
    return undefined;
  }
  if (body.type !== "collection")
    problems.add("Bundle.type", 'must be "collection" (PAS request Bundle)');
  const bundleIdentifier = identifierKey(body.identifier);
  if (!bundleIdentifier)
    problems.add(
      "Bundle.identifier",
      "is required: the submitter's transaction identifier (a value of at most 255 characters)",
      "required",
    );
  if (typeof body.timestamp !== "string" || !/^\d{4}-\d{2}-\d{2}T/.test(body.timestamp))
    problems.add("Bundle.timestamp", "is required (an instant)", "required");
  if (!Array.isArray(body.entry) || body.entry.length === 0) {
    problems.add("Bundle.entry", "must hold the Claim and the resources it references", "required");
    return undefined;
  }
  if (body.entry.length > 200) {
    problems.add("Bundle.entry", "holds more than 200 entries", "too-costly");
    return undefined;
  }
  const index = new BundleIndex(body.entry, problems);
  const claim = index.entries[0];
  if (!claim || claim.path !== CLAIM || claim.resource.resourceType !== "Claim") {
    problems.add(CLAIM, "the first entry must be the Claim", "structure");
    return undefined;
  }
  const c = claim.resource;
  if (c.use !== "preauthorization") problems.add(`${CLAIM}.use`, 'must be "preauthorization"');
  if (c.status !== "active") problems.add(`${CLAIM}.status`, 'must be "active"');
  const claimIdentifier = Array.isArray(c.identifier) ? identifierKey(c.identifier[0]) : undefined;
  if (requireClaimIdentifier && !claimIdentifier)
    problems.add(
      `${CLAIM}.identifier`,
      "is required (PAS Claim: one business identifier)",
      "required",
    );

  const patient = index.resolve(c.patient, `${CLAIM}.patient`, ["Patient"], problems);
  const insurer = index.resolve(c.insurer, `${CLAIM}.insurer`, ["Organization"], problems);
  const provider = index.resolve(
    c.provider,
    `${CLAIM}.provider`,
    ["PractitionerRole", "Practitioner"],
    problems,
  );
  const practitioner =
    provider?.resource.resourceType === "PractitionerRole"
      ? index.resolve(
          provider.resource.practitioner,
          `${provider.path}.practitioner`,
          ["Practitioner"],
          problems,
        )
      : provider;
  const npiFound = practitioner && npiOf(practitioner, problems);
  const coverage = focalCoverage(index, c, problems);
  const member = coverage && memberIdOf(coverage, problems);

  if (
    !patient ||
    !insurer ||
    !practitioner ||
    !npiFound ||
    !coverage ||
    !member ||
    !bundleIdentifier
  )
    return undefined;
  return {
    index,
    claim,
    bundleIdentifier,
    claimIdentifier,
    patient,
    practitioner,
    npi: npiFound.npi,
    npiPath: npiFound.path,
    insurer,
    coverage,
    memberId: member.memberId,
    memberIdPath: member.path,
  };
}

function npiOf(practitioner: Located, problems: Problems) {
  const identifiers = Array.isArray(practitioner.resource.identifier)
    ? practitioner.resource.identifier
    : [];
  const i = identifiers.findIndex((id) => isObject(id) && id.system === NPI_SYSTEM);
  const value = identifiers[i]?.value;
  if (i < 0 || typeof value !== "string") {
    problems.add(
      `${practitioner.path}.identifier`,
      `must include the practitioner's NPI (system ${NPI_SYSTEM})`,
      "required",
    );
    return undefined;
  }
  return { npi: value.trim(), path: `${practitioner.path}.identifier[${i}].value` };
}

function focalCoverage(index: BundleIndex, claim: Resource, problems: Problems) {
  const insurance = Array.isArray(claim.insurance) ? claim.insurance : [];
  const i = Math.max(
    0,
    insurance.findIndex((x) => isObject(x) && x.focal === true),
  );
  if (!isObject(insurance[i])) {
    problems.add(`${CLAIM}.insurance`, "must name the patient's Coverage", "required");
    return undefined;
  }
  return index.resolve(
    insurance[i].coverage,
    `${CLAIM}.insurance[${i}].coverage`,
    ["Coverage"],
    problems,
  );
}

/** The member id: Coverage.subscriberId, else an identifier of type MB (HL7 v2 table 0203). */
function memberIdOf(coverage: Located, problems: Problems) {
  const c = coverage.resource;
  if (typeof c.subscriberId === "string" && c.subscriberId.trim())
    return { memberId: c.subscriberId.trim(), path: `${coverage.path}.subscriberId` };
  const identifiers = Array.isArray(c.identifier) ? c.identifier : [];
  const i = identifiers.findIndex(
    (id) =>
      isObject(id) &&
      isObject(id.type) &&
      Array.isArray(id.type.coding) &&
      id.type.coding.some((t: unknown) => isObject(t) && t.code === "MB") &&
      typeof id.value === "string",
  );
  if (i >= 0)
    return {
      memberId: String(identifiers[i].value).trim(),
      path: `${coverage.path}.identifier[${i}].value`,
    };
  problems.add(
    `${coverage.path}.subscriberId`,
    "the member ID is required (Coverage.subscriberId)",
    "required",
  );
  return undefined;
}
