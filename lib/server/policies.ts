import "server-only";
import { createRegistry, PRODUCT_POLICIES } from "@/lib/policy/registry";
import { FIXTURE_POLICY } from "@/test/fixture-policy";

// The test-only fixture policy is listed when FIXTURE_POLICIES=1 (the e2e server sets it), so
// the suite can drive a second package through every page; the product never lists it.
export const policies = createRegistry([
  ...PRODUCT_POLICIES,
  ...(process.env.FIXTURE_POLICIES === "1" ? [{ package: FIXTURE_POLICY }] : []),
]);

/** The version in force today of the policy served where no id is given. */
export const defaultPolicy = () => policies.getPolicy(policies.defaultId)!;

/** The policy version a stored request is judged under (stored with it at submission). */
export function policyOfRequest(request: { policyId: string; policyVersion: string }) {
  const policy = policies.getPolicy(request.policyId, request.policyVersion);
  if (!policy)
    throw new Error(
      `A request is judged under ${request.policyId} version ${request.policyVersion}, which this server does not list`,
    );
  return policy;
}

/** Every final determination any listed policy can reach, each once, with its label. */
export function finalDeterminations() {
  const seen = new Map<string, string>();
  for (const { package: pkg } of policies.entries)
    for (const version of pkg.versions)
      for (const d of version.determinations)
        if (d.tone !== "incomplete" && !seen.has(d.value)) seen.set(d.value, d.label);
  return [...seen].map(([value, label]) => ({ value, label }));
}

/** Every version of every listed policy, and the one of each in force today. */
export const allVersions = () => policies.entries.flatMap((e) => e.package.versions);
export const currentVersions = () =>
  policies.entries.map((e) => policies.getPolicy(e.package.meta.id)!);
