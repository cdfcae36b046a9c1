// How each policy package is reviewed, beside the package itself: who may decide its appeals, how
// long an approval authorizes the service, whether a rule may approve it, and which answer names
// the diagnosis in the worklists. Keyed by the package's id; a package not listed here gets
// OTHER_PACKAGES.

export interface ReviewSettings {
  /**
   * The specialties a medical director needs to decide an appeal under this policy (42 CFR
   * 422.590(g)(2): expertise appropriate to the service). Empty: any medical director.
   */
  appealSpecialties: readonly string[];
  /** How many days an approval authorizes the service, from its planned date; the decider may shorten it. */
  authorizationDays: number;
  /** Whether a complete, attested, medically necessary submission may be approved by rule (RULE_APPROVAL=1). */
  ruleApproval: boolean;
  /** The answer that names the diagnosis, shown in the worklists; none when the package asks none. */
  diagnosisField?: string;
}

const BY_POLICY: Record<string, ReviewSettings> = {
  "coverage-policy-0261": {
    appealSpecialties: ["hematology/oncology", "transplant"],
    authorizationDays: 90,
    ruleApproval: true,
    diagnosisField: "diagnosis",
  },
};

const OTHER_PACKAGES: ReviewSettings = {
  appealSpecialties: [],
  authorizationDays: 90,
  ruleApproval: false,
};

export const reviewSettingsOf = (policyId: string): ReviewSettings =>
  BY_POLICY[policyId] ?? OTHER_PACKAGES;

/** Most units an approval may authorize at once. */
export const MAX_UNITS = 99;

/** Every specialty some listed policy names for its appeals. */
export const specialtiesNamedByPolicies = () => [
  ...new Set(Object.values(BY_POLICY).flatMap((s) => s.appealSpecialties)),
];
