// `npm start`: demo mode. Migrates the embedded database (./data/app.db unless DATABASE_URL says
// otherwise), seeds one physician and one reviewer, prints their sign-in, then runs next start.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { env } from "@/lib/env";
import { seedUsers } from "./seed-users";

const DEMO_USERS = [
  {
    email: "physician@demo.test",
    name: "Dr. Demo Physician",
    role: "physician",
    password: "demo-physician-0261",
  },
  {
    email: "reviewer@demo.test",
    name: "Demo Reviewer",
    role: "reviewer",
    password: "demo-reviewer-0261",
  },
] as const;

mkdirSync("data", { recursive: true });
const secretFile = "data/.auth-secret";
if (!process.env.AUTH_SECRET) {
  if (!existsSync(secretFile))
    writeFileSync(secretFile, randomBytes(32).toString("hex"), { mode: 0o600 });
  process.env.AUTH_SECRET = readFileSync(secretFile, "utf8").trim();
}

await seedUsers(env().DATABASE_URL, DEMO_USERS);

const port = process.env.PORT ?? "3000";
console.log(`
Demo mode — Coverage Policy 0261 on http://localhost:${port}
  physician: ${DEMO_USERS[0].email} / ${DEMO_USERS[0].password}
  reviewer:  ${DEMO_USERS[1].email} / ${DEMO_USERS[1].password}
These demo accounts exist only because of npm start; a deployment runs next start and adds
accounts with npm run user:add.
`);

const server = spawn("npx", ["next", "start", "-p", port], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
