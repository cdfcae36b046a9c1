// Who an account is. A physician submits and follows their own requests; a reviewer (a clinical
// reviewer, often a nurse) and a medical director (a physician reviewer, with a recorded specialty)
// review them; an administrator manages accounts and takes no review step. Which step each may
// take is the state machine's (lib/request-model/state-machine.ts).

export const ROLES = ["physician", "reviewer", "medical-director", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

/** How a role is named on the pages, the audit trail and the PDF. */
export const ROLE_LABELS: Record<Role, string> = {
  physician: "physician",
  reviewer: "reviewer",
  "medical-director": "medical director",
  admin: "administrator",
};

/** The roles that read every request: the queue, the case pages, the dashboard. */
export const STAFF_ROLES: readonly Role[] = ["reviewer", "medical-director", "admin"];
/** The roles that take review steps (the state machine says which). */
export const REVIEW_ROLES: readonly Role[] = ["reviewer", "medical-director"];

/** A specialty as it is stored and compared: trimmed, lower case, single spaces. */
export const normalizeSpecialty = (specialty: string) =>
  specialty.trim().toLowerCase().replace(/\s+/g, " ");
