// Removes a registered system (an administrator's act):
//   npm run smart:client:remove -- --client-id <client id>
// It gets no token any more (its live tokens end at once), and its Subscriptions are deleted with
// every notification not yet delivered: nothing more is sent to it. The requests it sent keep its
// name.
import { parseArgs } from "node:util";
import { migrate, openDatabase } from "@/lib/db/database";
import { env } from "@/lib/env";
import { removeClient } from "@/lib/smart/remove-client";

const { values } = parseArgs({ options: { "client-id": { type: "string" } } });
const clientId = values["client-id"];
if (!clientId) {
  console.error("Usage: npm run smart:client:remove -- --client-id <client id>");
  process.exit(2);
}
const db = openDatabase(env().DATABASE_URL);
try {
  await migrate(db);
  if (await removeClient(db, clientId)) console.log(`Removed client ${clientId}.`);
  else {
    console.error(`No registered client has the id ${JSON.stringify(clientId.slice(0, 100))}.`);
    process.exitCode = 1;
  }
} finally {
  await db.close();
}
