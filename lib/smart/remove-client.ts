import "server-only";
import { recordAudit } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db/database";
import { dropSubscriptionsOf } from "@/lib/subscriptions/store";

/**
 * Removes a client (an administrator's act): in one transaction it gets no token any more (its
 * live ones are deleted, findClient ignores it), its Subscriptions and their undelivered events
 * are deleted and its notification hosts unregistered, so nothing more is sent to it. Its row
 * stays, so the requests it sent keep its name. False when no such client is registered.
 */
export async function removeClient(db: Db, clientId: string, now = new Date()) {
  return db.kysely.transaction().execute(async (trx) => {
    const removed = await trx
      .updateTable("smart_clients")
      .set({ removed_at: now.toISOString() })
      .where("client_id", "=", clientId)
      .where("removed_at", "is", null)
      .returning(["client_id", "name"])
      .executeTakeFirst();
    if (!removed) return false;
    await trx.deleteFrom("smart_access_tokens").where("client_id", "=", clientId).execute();
    await dropSubscriptionsOf(trx, clientId);
    await trx.deleteFrom("smart_client_notify_hosts").where("client_id", "=", clientId).execute();
    await recordAudit(
      trx,
      { actorId: null, action: "smart-client.removed", detail: { client: removed.name } },
      now,
    );
    return true;
  });
}
