import { PRODUCT_POLICIES } from "@/lib/policy/registry";

export interface Service {
  cpt: string;
  label: string;
  /** The policy that governs it, as its document names itself. */
  policy: string;
}

/** The services that need prior authorization: every product policy's, from its own meta. */
export function servicesNeedingAuthorization(): Service[] {
  return PRODUCT_POLICIES.flatMap(({ package: { meta } }) =>
    meta.services.map((s) => ({
      cpt: s.cpt,
      label: s.label,
      policy: `${meta.publisher} ${meta.documentType} ${meta.number}: ${meta.title}`,
    })),
  );
}
