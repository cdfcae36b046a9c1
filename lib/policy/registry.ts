import { NO_PREFILL, type EhrReader } from "./engine/ehr-codes";
import type { RevisionChange } from "./engine/rereading";
import type { Policy, PolicyPackage } from "./engine/types";
import { coveragePolicy0261 } from "./packages/coverage-policy-0261";
import { readEhr0261 } from "./packages/coverage-policy-0261/ehr-prefill";
import { REVISION_CHANGES as CHANGES_0261 } from "./packages/coverage-policy-0261/revision-changes";

export interface PolicyEntry {
  package: PolicyPackage;
  /** What each revision of the package's rules changed, to explain a stored reading. */
  revisionChanges?: readonly RevisionChange[];
  /** How it reads a patient's EHR codes (proposals and hints), for a questionnaire opened from an EHR. */
  readEhr?: EhrReader;
}

/** The product's policy packages. The first one is what `/`, `/policy` and `/api/evaluate` serve. */
export const PRODUCT_POLICIES: readonly PolicyEntry[] = [
  { package: coveragePolicy0261, revisionChanges: CHANGES_0261, readEhr: readEhr0261 },
];

/** A service a listed policy governs, by the CPT code it is billed under. */
export interface ListedService {
  policyId: string;
  cpt: string;
  /** As the policy lists it: "Donor lymphocyte infusion (DLI)". */
  label: string;
}

/** The version that judges a case, or why none does. */
export type PolicyOn =
  | { ok: true; policy: Policy }
  | { ok: false; reason: "unknown-policy" | "before-first-version"; message: string };

export interface PolicyRegistry {
  /** The policy served where no id is given. */
  defaultId: string;
  entries: readonly PolicyEntry[];
  has(id: string): boolean;
  /** Every version of a policy, oldest first (empty for an unknown id). */
  versionsOf(id: string): readonly Policy[];
  /** A version of a policy: the one named, or the one in force today. */
  getPolicy(id: string, version?: string): Policy | undefined;
  /**
   * The version that judges a case with its date of service (YYYY-MM-DD), for the form, PAS and
   * CRD alike: the latest whose effective date is not after it. A date before the policy's first
   * version is judged by none (never by a later one); with no date known, the one in force today.
   */
  policyOn(id: string, date: string | undefined): PolicyOn;
  /** Every service the listed policies govern, in the order they list them. */
  services: readonly ListedService[];
  /** The service a CPT code names, with the policy that governs it; undefined if none does. */
  serviceForCpt(cpt: string): ListedService | undefined;
  revisionChanges(id: string): readonly RevisionChange[];
  /** The package's reader of EHR codes; a package without one reads nothing. */
  readEhr(id: string): EhrReader;
}

export function createRegistry(entries: readonly PolicyEntry[]): PolicyRegistry {
  const byId = new Map(entries.map((e) => [e.package.meta.id, e]));
  if (byId.size !== entries.length) throw new Error("Two policy packages share an id");
  const inForceOn = (id: string, date: string) =>
    byId
      .get(id)
      ?.package.versions.filter((v) => v.effectiveDate <= date)
      .at(-1);
  const getPolicy = (id: string, version?: string) => {
    const versions = byId.get(id)?.package.versions;
    if (!versions) return undefined;
    if (version !== undefined) return versions.find((v) => v.version === version);
    return inForceOn(id, new Date().toISOString().slice(0, 10)) ?? versions[0];
  };
  const services = entries.flatMap(({ package: { meta } }) =>
    meta.services.map((s) => ({ policyId: meta.id, cpt: s.cpt, label: s.label })),
  );
  return {
    defaultId: entries[0]!.package.meta.id,
    entries,
    has: (id) => byId.has(id),
    versionsOf: (id) => byId.get(id)?.package.versions ?? [],
    getPolicy,
    policyOn(id, date) {
      const first = byId.get(id)?.package.versions[0];
      if (!first) return { ok: false, reason: "unknown-policy", message: `No policy ${id}` };
      const policy = date === undefined ? getPolicy(id) : inForceOn(id, date);
      return policy
        ? { ok: true, policy }
        : {
            ok: false,
            reason: "before-first-version",
            message: `No version of ${first.meta.shortName} is in force on ${date}: its first version takes effect on ${first.effectiveDate}`,
          };
    },
    services,
    serviceForCpt: (cpt) => services.find((s) => s.cpt === cpt),
    revisionChanges: (id) => byId.get(id)?.revisionChanges ?? [],
    readEhr: (id) => byId.get(id)?.readEhr ?? (() => NO_PREFILL),
  };
}
