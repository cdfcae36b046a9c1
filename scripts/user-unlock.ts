// Issues a one-time sign-in link for a user on a new device whose account a storm of failed
// sign-ins keeps delaying: npm run user:unlock -- --email dr.a@example.org [--hours 24]
// There is no mail here: give the printed link to the user yourself (by phone, in person).
import { parseArgs } from "node:util";
import { createAuth, migrateAuth } from "@/lib/auth/auth";
import { accountKey } from "@/lib/auth/sign-in";
import { issueUnlock } from "@/lib/auth/sign-in-attempts";
import { migrate, openDatabase } from "@/lib/db/database";
import { env } from "@/lib/env";

const { values } = parseArgs({
  options: { email: { type: "string" }, hours: { type: "string", default: "24" } },
});
const hours = Number(values.hours);
if (!values.email || !Number.isInteger(hours) || hours < 1 || hours > 72) {
  console.error("Usage: npm run user:unlock -- --email <email> [--hours <1 to 72, default 24>]");
  process.exit(2);
}
const db = openDatabase(env().DATABASE_URL);
try {
  await migrate(db);
  await migrateAuth(db);
  const email = values.email.trim().toLowerCase();
  const { internalAdapter } = await createAuth(db).$context;
  if (!(await internalAdapter.findUserByEmail(email))) {
    console.error(`No account for ${email}.`);
    process.exitCode = 1;
  } else {
    const { token, expiresAt } = await issueUnlock(db, {
      accountKey: accountKey(email),
      createdBy: "script",
      hours,
    });
    console.log(`One sign-in for ${email}, until ${expiresAt}, from any browser:`);
    console.log(`${env().APP_URL.replace(/\/+$/, "")}/sign-in?unlock=${token}`);
  }
} finally {
  await db.close();
}
