// Deletes what no rule reads any more, as the server's own job does every 10 minutes:
// npm run db:prune
import { openDatabase } from "@/lib/db/database";
import { prune } from "@/lib/server/prune";
import { env } from "@/lib/env";

const db = openDatabase(env().DATABASE_URL);
try {
  const report = await prune(db);
  for (const [table, deleted] of Object.entries(report))
    console.log(`${table}: ${deleted} deleted`);
} finally {
  await db.close();
}
