import { createAuth, migrateAuth } from "@/lib/auth/auth";
import type { Role } from "@/lib/request-model/roles";
import { createUser } from "@/lib/auth/users";
import { migrate, openDatabase } from "@/lib/db/database";

export interface SeedUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  /** A medical director's specialty. */
  specialty?: string;
}

/** Migrates the database at `url` and creates the accounts that do not exist yet. */
export async function seedUsers(url: string, users: readonly SeedUser[]): Promise<void> {
  const db = openDatabase(url);
  try {
    await migrate(db);
    await migrateAuth(db);
    const auth = createAuth(db);
    const ctx = await auth.$context;
    for (const user of users)
      if (!(await ctx.internalAdapter.findUserByEmail(user.email))) await createUser(auth, user);
  } finally {
    await db.close();
  }
}
