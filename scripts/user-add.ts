// Creates an account: npm run user:add -- --email a@b.org --name "Dr A" --role reviewer
// A medical director also needs --specialty "hematology/oncology" (or another specialty).
// The password is read from the USER_PASSWORD environment variable, or asked for on the terminal.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { createAuth, migrateAuth } from "@/lib/auth/auth";
import { ROLES, isRole, normalizeSpecialty } from "@/lib/request-model/roles";
import { createUser } from "@/lib/auth/users";
import { migrate, openDatabase } from "@/lib/db/database";
import { env } from "@/lib/env";
import { specialtiesNamedByPolicies } from "@/lib/request-model/review-settings";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    specialty: { type: "string" },
  },
});
if (!values.email || !values.name || !isRole(values.role)) {
  console.error(
    `Usage: npm run user:add -- --email <email> --name <name> --role <${ROLES.join("|")}> [--specialty "<specialty>" for a medical-director]`,
  );
  process.exit(2);
}
let password = process.env.USER_PASSWORD;
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question("Password (at least 12 characters): ");
  rl.close();
}
const db = openDatabase(env().DATABASE_URL);
try {
  await migrate(db);
  await migrateAuth(db);
  const { id } = await createUser(createAuth(db), {
    email: values.email,
    name: values.name,
    role: values.role,
    password,
    specialty: values.specialty,
  });
  console.log(`Created ${values.role} ${values.email} (${id}).`);
  const specialty = values.specialty && normalizeSpecialty(values.specialty);
  if (specialty && !specialtiesNamedByPolicies().includes(specialty))
    console.warn(
      `Note: no policy names "${specialty}" for its appeals (${specialtiesNamedByPolicies().join(", ")}): this medical director can decide requests, not appeals.`,
    );
} catch (error) {
  console.error(`Not created: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
