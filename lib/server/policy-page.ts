import "server-only";
import { policies } from "./policies";
import { wizardHref } from "./policy-links";

/** What a policy document page shows: the version asked for (if it exists), else today's. */
export function policyDocumentProps(id: string, version: string | string[] | undefined) {
  const current = policies.getPolicy(id);
  if (!current) return undefined;
  const asked = typeof version === "string" ? policies.getPolicy(id, version) : undefined;
  return {
    policy: asked ?? current,
    versions: policies.versionsOf(id),
    current: current.version,
    wizardHref: wizardHref(id),
  };
}
