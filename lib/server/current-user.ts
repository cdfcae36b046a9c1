import "server-only";
import { forbidden, redirect } from "next/navigation";
import { headers } from "next/headers";
import { appContext } from "@/lib/server/app-context";
import type { Role } from "@/lib/request-model/roles";
import { userOfRequest, type CurrentUser } from "@/lib/auth/session";

/** The signed-in user of this request, or null (see userOfRequest for the timeouts). */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const { auth } = await appContext();
  return userOfRequest(auth, await headers());
}

/** For pages: anonymous → the sign-in page; a signed-in user without the role → 403. */
export async function requireRole(roles: readonly Role[], returnTo: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  if (!roles.includes(user.role)) forbidden();
  return user;
}
