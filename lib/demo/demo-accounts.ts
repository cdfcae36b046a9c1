// The accounts `npm start` (demo mode) creates. Their passwords are public, in the README's
// Quick start, and are never printed: stdout is the server's log.
export const DEMO_USERS = [
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

/** What `npm start` prints before next start: where to go and who to sign in as, no password. */
export function demoBanner(port: string, users: readonly { email: string; role: string }[]) {
  return [
    "",
    `Demo mode — the prior authorization workspace on http://localhost:${port}`,
    ...users.map((u) => `  ${`${u.role}:`.padEnd(11)}${u.email}`),
    "The demo passwords are in README.md (Quick start). These accounts exist only because of",
    "npm start; a deployment runs next start and adds accounts with npm run user:add.",
    "",
  ].join("\n");
}
