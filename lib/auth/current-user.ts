import "server-only";
import { forbidden, redirect } from "next/navigation";
import { headers } from "next/headers";
import { appContext } from "@/lib/server/app-context";
import { ABSOLUTE_TIMEOUT_SECONDS } from "./auth";
import { isRole, type Role } from "./roles";

export interface CurrentUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/**
 * The signed-in user, or null. A session older than 12 hours is revoked here, whatever its
 * activity: better-auth's own expiry is the 30-minute idle timeout.
 */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const { auth } = await appContext();
  const requestHeaders = await headers();
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const age = Date.now() - new Date(session.session.createdAt).getTime();
  if (age > ABSOLUTE_TIMEOUT_SECONDS * 1000) {
    await auth.api.revokeSession({
      headers: requestHeaders,
      body: { token: session.session.token },
    });
    return null;
  }
  const role = (session.user as { role?: unknown }).role;
  if (!isRole(role)) return null;
  return { id: session.user.id, name: session.user.name, email: session.user.email, role };
}

/** For pages: anonymous → the sign-in page; a signed-in user without the role → 403. */
export async function requireRole(roles: readonly Role[], returnTo: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  if (!roles.includes(user.role)) forbidden();
  return user;
}
