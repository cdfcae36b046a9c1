// `npm start`: demo mode. Migrates the embedded database (./data/app.db unless DATABASE_URL says
// otherwise), seeds a physician, a reviewer and two medical directors, prints where to sign in (never a password: stdout
// is the server's log), then runs next start.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { DEMO_USERS, demoBanner } from "@/lib/demo/demo-accounts";
import { env } from "@/lib/env";
import { seedUsers } from "./seed-users";

mkdirSync("data", { recursive: true });
const secretFile = "data/.auth-secret";
if (!process.env.AUTH_SECRET) {
  if (!existsSync(secretFile))
    writeFileSync(secretFile, randomBytes(32).toString("hex"), { mode: 0o600 });
  process.env.AUTH_SECRET = readFileSync(secretFile, "utf8").trim();
}

// The demo plan requires prior authorization for the services Policy 0261 governs (CRD cards).
process.env.PRIOR_AUTH_CODES ??= "38242,38243";

await seedUsers(env().DATABASE_URL, DEMO_USERS);

const port = process.env.PORT ?? "3000";
console.log(demoBanner(port, DEMO_USERS));

// Idle connections kept 65 s (as scripts/e2e-server.ts): longer than clients' and proxies' 60 s.
const server = spawn("npx", ["next", "start", "-p", port, "--keepAliveTimeout", "65000"], {
  stdio: "inherit",
  env: process.env,
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
