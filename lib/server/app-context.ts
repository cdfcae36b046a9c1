import "server-only";
import { createAuth, migrateAuth, type Auth } from "@/lib/auth/auth";
import { getDb, type Db } from "@/lib/db/database";
import { startPruning } from "@/lib/server/prune";

export interface AppContext {
  db: Db;
  auth: Auth;
}

let shared: Promise<AppContext> | undefined;

/**
 * The database (migrated) and the auth instance on it, made once per server process. A failure
 * is not kept: the next call tries again, so an instance recovers once the database does.
 */
export function appContext(): Promise<AppContext> {
  shared ??= (async () => {
    const db = await getDb();
    await migrateAuth(db);
    // The server prunes what no rule reads any more from the moment it has its database.
    startPruning(db);
    return { db, auth: createAuth(db) };
  })().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}
