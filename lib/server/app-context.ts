import "server-only";
import { createAuth, migrateAuth, type Auth } from "@/lib/auth/auth";
import { getDb, type Db } from "@/lib/db/database";

export interface AppContext {
  db: Db;
  auth: Auth;
}

let shared: Promise<AppContext> | undefined;

/** The database (migrated) and the auth instance on it, made once per server process. */
export function appContext(): Promise<AppContext> {
  shared ??= (async () => {
    const db = await getDb();
    await migrateAuth(db);
    return { db, auth: createAuth(db) };
  })();
  return shared;
}
