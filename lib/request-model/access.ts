import type { Role } from "@/lib/request-model/roles";

// Who may read a case: the one home of the rule. A case a user may not read is answered exactly
// like one that does not exist (lib/server/open-case.ts).

/** The owning physician, and every reviewer and admin, may read a request. */
export function canRead(
  user: { id: string; role: Role },
  request: { physicianId: string },
): boolean {
  return user.role !== "physician" || request.physicianId === user.id;
}

/** A reviewer, medical director or admin who opens a case to read it leaves a "viewed" audit row. */
export const leavesViewRow = (user: { role: Role }): boolean => user.role !== "physician";
