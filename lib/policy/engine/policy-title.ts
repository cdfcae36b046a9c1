import type { PolicyMeta } from "./types";

/** The policy as its document names itself: "Cigna Medical Coverage Policy 0261: Donor …". */
export const policyTitle = (
  meta: Pick<PolicyMeta, "publisher" | "documentType" | "number" | "title">,
) => `${meta.publisher} ${meta.documentType} ${meta.number}: ${meta.title}`;
