import "server-only";
import { ABSOLUTE_TIMEOUT_SECONDS, type Auth } from "./auth";
import { isRole, type Role } from "@/lib/request-model/roles";

export interface CurrentUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** A medical director's specialty, normalized; null for every other role. */
  specialty: string | null;
}

/**
 * The user of the session the request's cookie names, or null. better-auth expires a session 30
 * minutes after its last use; one older than 12 hours is revoked here whatever its activity.
 */
export async function userOfRequest(
  auth: Auth,
  headers: Headers,
  now = new Date(),
): Promise<CurrentUser | null> {
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const age = now.getTime() - new Date(session.session.createdAt).getTime();
  if (age > ABSOLUTE_TIMEOUT_SECONDS * 1000) {
    await auth.api.revokeSession({ headers, body: { token: session.session.token } });
    return null;
  }
  const { role, specialty } = session.user as { role?: unknown; specialty?: unknown };
  if (!isRole(role)) return null;
  return {
    id: session.user.id,
    name: session.user.name,
    email: session.user.email,
    role,
    specialty: typeof specialty === "string" && specialty !== "" ? specialty : null,
  };
}
