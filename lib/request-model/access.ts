import type { Role } from "@/lib/request-model/roles";

/** The owning physician, and every reviewer and admin, may read a request. */
export function canRead(
  user: { id: string; role: Role },
  request: { physicianId: string },
): boolean {
  return user.role !== "physician" || request.physicianId === user.id;
}
