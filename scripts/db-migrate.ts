// Applies pending migrations to DATABASE_URL: npm run db:migrate
import { migrateAuth } from "@/lib/auth/auth";
import { migrate, openDatabase } from "@/lib/db/database";
import { env } from "@/lib/env";

const db = openDatabase(env().DATABASE_URL);
try {
  const applied = await migrate(db);
  await migrateAuth(db);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Already up to date.");
} finally {
  await db.close();
}
