"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/server/current-user";
import { recordAudit } from "@/lib/audit/audit-log";
import { appContext } from "@/lib/server/app-context";
import { clientIp } from "@/lib/server/client-ip";

export async function signOutAction() {
  const user = await getCurrentUser();
  if (user) {
    const { auth, db } = await appContext();
    const requestHeaders = await headers();
    await auth.api.signOut({ headers: requestHeaders });
    await recordAudit(db.kysely, {
      actorId: user.id,
      action: "auth.sign-out",
      ip: clientIp(requestHeaders),
    });
  }
  redirect("/sign-in");
}
